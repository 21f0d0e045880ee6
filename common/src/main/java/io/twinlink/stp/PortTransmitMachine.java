package io.twinlink.stp;

import io.twinlink.wire.BpduFlags;
import io.twinlink.wire.ConfigBpdu;
import io.twinlink.wire.RstBpdu;
import io.twinlink.wire.TcnBpdu;

/**
 * The Port Transmit state machine [802.1D-2004 17.26, figure 17-15]: a BPDU goes out whenever
 * newInfo is set and fewer than TxHoldCount have gone out in the last second or so (txCount
 * counts them up, the Port Timers machine down), and every HelloTime from a Designated Port
 * (and from a Root Port during a topology change). Towards an 802.1D bridge a Designated Port
 * sends Configuration BPDUs and a Root Port sends TCNs.
 *
 * <p>Not in the figure, but in mstpd and OVS alike: a port that is disabled (link down, or
 * Disabled role) sends nothing, rather than a BPDU with no meaningful role.
 */
public final class PortTransmitMachine extends PortMachine<PortTransmitMachine.State> {

    public enum State {
        TRANSMIT_INIT, IDLE, TRANSMIT_PERIODIC, TRANSMIT_CONFIG, TRANSMIT_TCN, TRANSMIT_RSTP
    }

    PortTransmitMachine(StpPort port, StpEngine engine) {
        super("ptx", port, engine);
    }

    @Override
    protected State next(State s) {
        StpPort p = port;
        if (p.begin) {
            return s == State.TRANSMIT_INIT ? null : State.TRANSMIT_INIT;
        }
        if (s != State.IDLE) {
            return State.IDLE; // every other state leaves unconditionally
        }
        // All transitions out of IDLE are qualified by selected && !updtInfo [figure 17-15].
        if (!p.selected || p.updtInfo || !p.portEnabled || p.role == PortRole.DISABLED) {
            return null;
        }
        if (p.helloWhen == 0) {
            return State.TRANSMIT_PERIODIC;
        }
        if (!p.newInfo || p.txCount >= engine.config().txHoldCount()) {
            return null;
        }
        if (p.sendRSTP) {
            return State.TRANSMIT_RSTP;
        }
        return switch (p.role) {
            case ROOT -> State.TRANSMIT_TCN;
            case DESIGNATED -> State.TRANSMIT_CONFIG;
            default -> null;
        };
    }

    @Override
    protected void enter(State s) {
        StpPort p = port;
        switch (s) {
            case TRANSMIT_INIT -> {
                p.newInfo = true;
                p.txCount = 0;
            }
            case IDLE -> p.helloWhen = p.helloTime();
            case TRANSMIT_PERIODIC -> p.newInfo = p.newInfo || p.role == PortRole.DESIGNATED
                    || (p.role == PortRole.ROOT && p.tcWhile != 0);
            case TRANSMIT_CONFIG -> {
                p.newInfo = false;
                txConfig();
                p.txCount++;
                p.tcAck = false;
            }
            case TRANSMIT_TCN -> {
                p.newInfo = false;
                txTcn();
                p.txCount++;
            }
            case TRANSMIT_RSTP -> {
                p.newInfo = false;
                txRstp();
                p.txCount++;
                p.tcAck = false;
            }
        }
    }

    /**
     * txConfig [17.21.19]: a Configuration BPDU carrying the port's designated priority vector
     * and times, the Topology Change flag while tcWhile runs and the Topology Change
     * Acknowledgment flag when tcAck is set.
     */
    private void txConfig() {
        StpPort p = port;
        int flags = (p.tcWhile != 0 ? BpduFlags.TOPOLOGY_CHANGE : 0) | (p.tcAck ? BpduFlags.TOPOLOGY_CHANGE_ACK : 0);
        PriorityVector v = p.designatedPriority;
        ConfigBpdu bpdu = new ConfigBpdu(BpduFlags.of(flags), v.rootBridgeId(), v.rootPathCost(),
                v.designatedBridgeId(), v.designatedPortId(), p.designatedTimes.toBpdu());
        p.counters.ieee8021SpanningTreeRstpPortTxConfigBpduCount++;
        if (p.tcWhile != 0) {
            p.counters.topologyChangeTx++;
        }
        engine.emit(new StpEffect.SendBpdu(p.name(), bpdu));
    }

    /**
     * txRstp [17.21.20]: an RST BPDU with the port's designated priority vector and times, its
     * role, and the Agreement, Proposal, Topology Change, Learning and Forwarding flags from
     * agree, proposing, tcWhile, learning and forwarding. Topology Change Acknowledgment is
     * an 802.1D-only flag and stays clear.
     */
    private void txRstp() {
        StpPort p = port;
        PriorityVector v = p.designatedPriority;
        BpduFlags flags = BpduFlags.of(p.tcWhile != 0, p.proposing, p.role.encoded(), p.learning, p.forwarding,
                p.agree, false);
        RstBpdu bpdu = new RstBpdu(flags, v.rootBridgeId(), v.rootPathCost(), v.designatedBridgeId(),
                v.designatedPortId(), p.designatedTimes.toBpdu());
        p.counters.ieee8021SpanningTreeRstpPortTxRstBpduCount++;
        if (p.tcWhile != 0) {
            p.counters.topologyChangeTx++;
        }
        engine.emit(new StpEffect.SendBpdu(p.name(), bpdu));
    }

    /** txTcn [17.21.21]: a Topology Change Notification BPDU, towards an 802.1D Designated Bridge. */
    private void txTcn() {
        StpPort p = port;
        p.counters.ieee8021SpanningTreeRstpPortTxTcnBpduCount++;
        p.counters.topologyChangeTx++;
        engine.emit(new StpEffect.SendBpdu(p.name(), new TcnBpdu()));
    }
}
