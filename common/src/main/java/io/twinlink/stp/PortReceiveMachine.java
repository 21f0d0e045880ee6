package io.twinlink.stp;

import io.twinlink.wire.BpduType;

/**
 * The Port Receive state machine [802.1D-2004 17.23, figure 17-12]: hands a received BPDU to
 * the Port Information machine (rcvdMsg), notes which protocol the neighbour speaks
 * (updtBPDUVersion), and clears operEdge: a port that hears a BPDU is not an edge. The edge
 * delay restarts with every BPDU, so a port becomes an edge only after MigrateTime of silence.
 */
public final class PortReceiveMachine extends PortMachine<PortReceiveMachine.State> {

    public enum State {
        DISCARD, RECEIVE
    }

    PortReceiveMachine(StpPort port, StpEngine engine) {
        super("prx", port, engine);
    }

    @Override
    protected State next(State s) {
        StpPort p = port;
        if (p.begin) {
            return s == State.DISCARD ? null : State.DISCARD;
        }
        if ((p.rcvdBpdu || p.edgeDelayWhile != StpPort.MIGRATE_TIME) && !p.portEnabled) {
            return State.DISCARD;
        }
        return switch (s) {
            case DISCARD -> p.rcvdBpdu && p.portEnabled ? State.RECEIVE : null;
            case RECEIVE -> p.rcvdBpdu && p.portEnabled && !p.rcvdMsg ? State.RECEIVE : null;
        };
    }

    @Override
    protected void enter(State s) {
        StpPort p = port;
        switch (s) {
            case DISCARD -> {
                p.rcvdBpdu = false;
                p.rcvdRSTP = false;
                p.rcvdSTP = false;
                p.rcvdMsg = false;
                p.edgeDelayWhile = StpPort.MIGRATE_TIME;
            }
            case RECEIVE -> {
                updtBPDUVersion();
                p.operEdge = false;
                p.rcvdBpdu = false;
                p.rcvdMsg = true;
                p.edgeDelayWhile = StpPort.MIGRATE_TIME;
            }
        }
    }

    /**
     * updtBPDUVersion [17.21.22]: an RST BPDU (or MST BPDU, version 2+) means an RSTP neighbour;
     * a Configuration BPDU, or a TCN of version 0 or 1, means an 802.1D one.
     */
    private void updtBPDUVersion() {
        StpPort p = port;
        BpduType type = p.rcvdBpduData.type();
        if (type == BpduType.RST) {
            p.rcvdRSTP = true;
        } else if (type == BpduType.CONFIG || p.rcvdBpduData.protocolVersion() <= 1) {
            p.rcvdSTP = true;
        }
    }
}
