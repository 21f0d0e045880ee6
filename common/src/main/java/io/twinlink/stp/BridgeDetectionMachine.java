package io.twinlink.stp;

/**
 * The Bridge Detection state machine [802.1D-2004 17.25, figure 17-14]: an AdminEdge port
 * starts as an edge; any port stops being one when it receives a BPDU (the Port Receive
 * machine clears operEdge); a designated port with AutoEdge becomes one when it has proposed
 * and heard nothing for EdgeDelay (17.20.4), which is how a port facing a host forwards
 * without waiting out the forward delay.
 */
public final class BridgeDetectionMachine extends PortMachine<BridgeDetectionMachine.State> {

    public enum State {
        EDGE, NOT_EDGE
    }

    BridgeDetectionMachine(StpPort port, StpEngine engine) {
        super("bdm", port, engine);
    }

    @Override
    protected State next(State s) {
        StpPort p = port;
        boolean adminEdge = p.config.adminEdge();
        if (p.begin) {
            State initial = adminEdge ? State.EDGE : State.NOT_EDGE;
            return s == initial ? null : initial;
        }
        return switch (s) {
            case EDGE -> (!p.portEnabled && !adminEdge) || !p.operEdge ? State.NOT_EDGE : null;
            case NOT_EDGE -> (!p.portEnabled && adminEdge)
                    || (p.edgeDelayWhile == 0 && p.config.autoEdge() && p.sendRSTP && p.proposing)
                    ? State.EDGE : null;
        };
    }

    @Override
    protected void enter(State s) {
        port.operEdge = s == State.EDGE;
    }
}
