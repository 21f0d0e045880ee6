package io.twinlink.stp;

/**
 * The Port Protocol Migration state machine [802.1D-2004 17.24, figure 17-13]: a port starts
 * out sending RST BPDUs (CHECKING_RSTP) for MigrateTime; if it then hears an 802.1D bridge it
 * falls back to Configuration and TCN BPDUs (SELECTING_STP), and stays there until the link
 * goes down, an RST BPDU is heard, or management sets mcheck (17.19.13) to test whether the
 * legacy bridge has gone. In STP mode (ForceProtocolVersion 0) sendRSTP is never set.
 */
public final class PortProtocolMigrationMachine extends PortMachine<PortProtocolMigrationMachine.State> {

    public enum State {
        CHECKING_RSTP, SELECTING_STP, SENSING
    }

    PortProtocolMigrationMachine(StpPort port, StpEngine engine) {
        super("ppm", port, engine);
    }

    @Override
    protected State next(State s) {
        StpPort p = port;
        if (p.begin) {
            return s == State.CHECKING_RSTP ? null : State.CHECKING_RSTP;
        }
        boolean rstpVersion = engine.rstpVersion();
        return switch (s) {
            case CHECKING_RSTP -> p.mdelayWhile == 0 ? State.SENSING
                    : p.mdelayWhile != StpPort.MIGRATE_TIME && !p.portEnabled ? State.CHECKING_RSTP
                    : null;
            case SELECTING_STP -> p.mdelayWhile == 0 || !p.portEnabled || p.mcheck ? State.SENSING : null;
            case SENSING -> !p.portEnabled || p.mcheck || (rstpVersion && !p.sendRSTP && p.rcvdRSTP)
                    ? State.CHECKING_RSTP
                    : p.sendRSTP && p.rcvdSTP ? State.SELECTING_STP
                    : null;
        };
    }

    @Override
    protected void enter(State s) {
        StpPort p = port;
        switch (s) {
            case CHECKING_RSTP -> {
                boolean was = p.sendRSTP;
                p.mcheck = false;
                p.sendRSTP = engine.rstpVersion();
                p.mdelayWhile = StpPort.MIGRATE_TIME;
                if (p.sendRSTP && !was && !p.begin) {
                    engine.trace().event(p.name(), "sending RST BPDUs again");
                }
            }
            case SELECTING_STP -> {
                p.sendRSTP = false;
                p.mdelayWhile = StpPort.MIGRATE_TIME;
                engine.trace().event(p.name(), "802.1D bridge on the link: sending Configuration and TCN BPDUs");
            }
            case SENSING -> {
                p.rcvdRSTP = false;
                p.rcvdSTP = false;
            }
        }
    }
}
