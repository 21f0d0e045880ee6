package io.twinlink.stp;

import io.twinlink.wire.BpduFlags;
import io.twinlink.wire.BpduPortRole;
import io.twinlink.wire.BpduType;
import io.twinlink.wire.ConfigBpdu;
import io.twinlink.wire.InformationBpdu;
import io.twinlink.wire.TcnBpdu;

/**
 * The Port Information state machine [802.1D-2004 17.27, figure 17-18]: decides what each
 * received message means against what the port already holds (rcvInfo), records superior
 * information, proposals, agreements and disputes, ages out information that is no longer
 * refreshed, and puts the bridge's own designated information in place when Port Role
 * Selection asks for it (updtInfo).
 *
 * <p>Two corrections later standards made, as mstpd and OVS also apply them:
 * <ul>
 *   <li>a TCN BPDU sets rcvdTcn in rcvInfo (802.1Q-2005 13.26.6): in 802.1D-2004 it reaches
 *       no state that calls setTcFlags, so a legacy bridge's notification would be lost;</li>
 *   <li>recordDispute sets disputed and clears agreed (802.1Q-2005 13.26.10); 802.1D-2004's
 *       text sets agreed, which would let a port forward across a one-way link.</li>
 * </ul>
 */
public final class PortInformationMachine extends PortMachine<PortInformationMachine.State> {

    public enum State {
        DISABLED, AGED, UPDATE, CURRENT, RECEIVE, OTHER, NOT_DESIGNATED, INFERIOR_DESIGNATED,
        REPEATED_DESIGNATED, SUPERIOR_DESIGNATED
    }

    PortInformationMachine(StpPort port, StpEngine engine) {
        super("pim", port, engine);
    }

    @Override
    protected State next(State s) {
        StpPort p = port;
        if (p.begin) {
            return s == State.DISABLED ? null : State.DISABLED;
        }
        if (!p.portEnabled && p.infoIs != InfoIs.DISABLED) {
            return State.DISABLED;
        }
        return switch (s) {
            case DISABLED -> p.portEnabled ? State.AGED : p.rcvdMsg ? State.DISABLED : null;
            case AGED -> p.selected && p.updtInfo ? State.UPDATE : null;
            case UPDATE, OTHER, NOT_DESIGNATED, INFERIOR_DESIGNATED, REPEATED_DESIGNATED, SUPERIOR_DESIGNATED ->
                    State.CURRENT;
            case CURRENT -> {
                if (p.selected && p.updtInfo) {
                    yield State.UPDATE;
                }
                if (p.infoIs == InfoIs.RECEIVED && p.rcvdInfoWhile == 0 && !p.updtInfo && !p.rcvdMsg) {
                    yield State.AGED;
                }
                yield p.rcvdMsg && !p.updtInfo ? State.RECEIVE : null;
            }
            case RECEIVE -> switch (p.rcvdInfo) {
                case SUPERIOR_DESIGNATED_INFO -> State.SUPERIOR_DESIGNATED;
                case REPEATED_DESIGNATED_INFO -> State.REPEATED_DESIGNATED;
                case INFERIOR_DESIGNATED_INFO -> State.INFERIOR_DESIGNATED;
                case INFERIOR_ROOT_ALTERNATE_INFO -> State.NOT_DESIGNATED;
                case OTHER_INFO -> State.OTHER;
            };
        };
    }

    @Override
    protected void enter(State s) {
        StpPort p = port;
        switch (s) {
            case DISABLED -> {
                p.rcvdMsg = false;
                p.proposing = false;
                p.proposed = false;
                p.agree = false;
                p.agreed = false;
                p.rcvdInfoWhile = 0;
                p.infoIs = InfoIs.DISABLED;
                p.reselect = true;
                p.selected = false;
            }
            case AGED -> {
                if (p.infoIs == InfoIs.RECEIVED) {
                    engine.trace().event(p.name(), "information from " + p.portPriority.designatedBridgeId()
                            + " aged out");
                }
                p.infoIs = InfoIs.AGED;
                p.reselect = true;
                p.selected = false;
            }
            case UPDATE -> {
                p.proposing = false;
                p.proposed = false;
                p.agreed = p.agreed && betterorsameInfo(InfoIs.MINE);
                p.synced = p.synced && p.agreed;
                p.portPriority = p.designatedPriority;
                p.portTimes = p.designatedTimes;
                p.updtInfo = false;
                p.infoIs = InfoIs.MINE;
                p.newInfo = true;
            }
            case CURRENT -> {
                // waits for the next message, updtInfo, or rcvdInfoWhile to run out
            }
            case RECEIVE -> p.rcvdInfo = rcvInfo();
            case OTHER -> p.rcvdMsg = false;
            case NOT_DESIGNATED -> {
                recordAgreement();
                setTcFlags();
                p.rcvdMsg = false;
            }
            case INFERIOR_DESIGNATED -> {
                recordDispute();
                p.rcvdMsg = false;
            }
            case REPEATED_DESIGNATED -> {
                recordProposal();
                setTcFlags();
                updtRcvdInfoWhile();
                p.rcvdMsg = false;
            }
            case SUPERIOR_DESIGNATED -> {
                p.agreed = false;
                p.proposing = false;
                recordProposal();
                setTcFlags();
                p.agree = p.agree && betterorsameInfo(InfoIs.RECEIVED);
                recordPriority();
                recordTimes();
                updtRcvdInfoWhile();
                p.infoIs = InfoIs.RECEIVED;
                p.reselect = true;
                p.selected = false;
                p.rcvdMsg = false;
            }
        }
    }

    /**
     * betterorsameInfo [17.21.1]: the new information (the message's, or the bridge's own
     * designated vector) is at least as good as what the port holds from the same origin.
     */
    private boolean betterorsameInfo(InfoIs newInfoIs) {
        StpPort p = port;
        if (newInfoIs == InfoIs.RECEIVED && p.infoIs == InfoIs.RECEIVED) {
            return p.msgPriority.betterOrSame(p.portPriority);
        }
        if (newInfoIs == InfoIs.MINE && p.infoIs == InfoIs.MINE) {
            return p.designatedPriority.betterOrSame(p.portPriority);
        }
        return false;
    }

    /**
     * rcvInfo [17.21.8]: decodes the message priority vector and times, and classifies the
     * message by its role and by how its vector compares (17.6) with the port's. A
     * Configuration BPDU, and an RST BPDU with the Unknown role, conveys a Designated Port
     * [9.2.9, 17.21.8 NOTE].
     */
    private RcvdInfo rcvInfo() {
        StpPort p = port;
        if (p.rcvdBpduData instanceof TcnBpdu) {
            p.rcvdTcn = true;
            return RcvdInfo.OTHER_INFO;
        }
        InformationBpdu bpdu = (InformationBpdu) p.rcvdBpduData;
        p.msgPriority = new PriorityVector(bpdu.rootId(), bpdu.rootPathCost(), bpdu.bridgeId(), bpdu.portId(),
                p.portId);
        p.msgTimes = Times.fromBpdu(bpdu.times());
        BpduPortRole role = conveyedRole(bpdu);
        int relation = p.msgPriority.compareDesignation(p.portPriority);
        if (role == BpduPortRole.DESIGNATED) {
            if (p.msgPriority.isSuperiorTo(p.portPriority)
                    || (relation == 0 && !p.msgTimes.equals(p.portTimes))) {
                return RcvdInfo.SUPERIOR_DESIGNATED_INFO;
            }
            if (relation == 0) {
                return RcvdInfo.REPEATED_DESIGNATED_INFO;
            }
            return RcvdInfo.INFERIOR_DESIGNATED_INFO;
        }
        if ((role == BpduPortRole.ROOT || role == BpduPortRole.ALTERNATE_BACKUP) && relation >= 0) {
            return RcvdInfo.INFERIOR_ROOT_ALTERNATE_INFO;
        }
        return RcvdInfo.OTHER_INFO;
    }

    private static BpduPortRole conveyedRole(InformationBpdu bpdu) {
        if (bpdu.type() == BpduType.CONFIG) {
            return BpduPortRole.DESIGNATED;
        }
        BpduPortRole role = bpdu.flags().portRole();
        return role == BpduPortRole.UNKNOWN ? BpduPortRole.DESIGNATED : role;
    }

    /** The flags a received BPDU really defines: a Configuration BPDU has only TC and TC Ack [9.3.1]. */
    private static BpduFlags flags(InformationBpdu bpdu) {
        return bpdu instanceof ConfigBpdu ? BpduFlags.of(bpdu.flags().bits() & BpduFlags.CONFIG_BPDU_MASK)
                : bpdu.flags();
    }

    private InformationBpdu rcvd() {
        return (InformationBpdu) port.rcvdBpduData;
    }

    /**
     * recordAgreement [17.21.9]: on a point-to-point link of an RSTP bridge, an Agreement from
     * the other end means this Designated Port may forward at once.
     */
    private void recordAgreement() {
        StpPort p = port;
        if (engine.rstpVersion() && p.operPointToPointMAC && flags(rcvd()).agreement()) {
            p.agreed = true;
            p.proposing = false;
        } else {
            p.agreed = false;
        }
    }

    /**
     * recordDispute [17.21.10, as corrected by 802.1Q-2005 13.26.10]: a neighbour that claims
     * to be Designated with worse information, yet is learning, has not heard us (a one-way
     * link, or our BPDUs are being lost): this port must not forward until it agrees.
     */
    private void recordDispute() {
        StpPort p = port;
        if (rcvd().type() == BpduType.RST && flags(rcvd()).learning()) {
            p.disputed = true;
            p.agreed = false;
            engine.trace().event(p.name(), "dispute: " + p.msgPriority.designatedBridgeId()
                    + " claims Designated with inferior information while learning");
        }
    }

    /** recordPriority [17.21.12]: the message priority vector becomes the port priority vector. */
    private void recordPriority() {
        port.portPriority = port.msgPriority;
    }

    /** recordProposal [17.21.11]: a Designated Port on the other end proposes to forward. */
    private void recordProposal() {
        BpduFlags f = flags(rcvd());
        if (conveyedRole(rcvd()) == BpduPortRole.DESIGNATED && f.proposal()) {
            port.proposed = true;
        }
    }

    /** recordTimes [17.21.13]: the message's timer values become the port's. */
    private void recordTimes() {
        port.portTimes = port.msgTimes;
    }

    /**
     * setTcFlags [17.21.17]: rcvdTc and rcvdTcAck from the Topology Change and Topology Change
     * Acknowledgment flags of a Configuration or RST BPDU, rcvdTcn for a TCN BPDU.
     */
    private void setTcFlags() {
        StpPort p = port;
        if (p.rcvdBpduData instanceof TcnBpdu) {
            p.rcvdTcn = true;
            return;
        }
        BpduFlags f = flags(rcvd());
        if (f.topologyChange()) {
            p.rcvdTc = true;
        }
        if (f.topologyChangeAck()) {
            p.rcvdTcAck = true;
        }
    }

    /**
     * updtRcvdInfoWhile [17.21.23]: received information lives three of its sender's Hello
     * Times, unless its Message Age, one second older, would exceed its Max Age: then it is
     * already too old (zero), which bounds how far information travels from the root.
     */
    private void updtRcvdInfoWhile() {
        Times t = port.portTimes;
        port.rcvdInfoWhile = t.messageAge() + 1 <= t.maxAge() ? 3 * Math.max(1, t.helloTime()) : 0;
    }
}
