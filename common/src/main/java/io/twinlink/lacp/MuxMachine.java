package io.twinlink.lacp;

import io.twinlink.wire.LacpPortState;

/**
 * The Mux machine [802.1AX-2020 6.4.15]: attaches a port to its selected Aggregator once the
 * Aggregator is Ready, then enables collecting and distributing when the partner is in sync.
 * Coupled control (figure 6-21) enables both at once in COLLECTING_DISTRIBUTING; independent
 * control (figure 6-22) enables collecting first and distributing only when the partner
 * reports that it is collecting, so no frame is sent to a partner that would drop it.
 *
 * <p>Enable/Disable_Collecting/Distributing are expressed through the Actor state bits; the
 * engine turns them into {@link LacpEffect.MemberForwarding} for the data plane.
 */
public final class MuxMachine extends PortMachine<MuxMachine.State> {

    public enum State {
        DETACHED, WAITING, ATTACHED,
        /** Coupled control only. */
        COLLECTING_DISTRIBUTING,
        /** Independent control only. */
        COLLECTING,
        /** Independent control only. */
        DISTRIBUTING;

        public boolean collecting() {
            return this == COLLECTING || this == DISTRIBUTING || this == COLLECTING_DISTRIBUTING;
        }

        public boolean distributing() {
            return this == DISTRIBUTING || this == COLLECTING_DISTRIBUTING;
        }
    }

    MuxMachine(AggregationPort port, LacpEngine engine) {
        super("mux", port, engine);
    }

    private boolean independent() {
        return port.bundle.muxControl() == MuxControl.INDEPENDENT;
    }

    @Override
    protected State next(State s) {
        AggregationPort p = port;
        if (p.begin) {
            return s == State.DETACHED ? null : State.DETACHED;
        }
        Selected sel = p.selected;
        boolean partnerSync = p.partnerState(LacpPortState.SYNCHRONIZATION);
        boolean lostSelection = sel == Selected.UNSELECTED || sel == Selected.STANDBY;
        return switch (s) {
            case DETACHED -> sel == Selected.SELECTED || sel == Selected.STANDBY ? State.WAITING : null;
            case WAITING -> sel == Selected.UNSELECTED ? State.DETACHED
                    : sel == Selected.SELECTED && p.aggregator != null && p.aggregator.ready() ? State.ATTACHED
                    : null;
            case ATTACHED -> lostSelection ? State.DETACHED
                    : sel == Selected.SELECTED && partnerSync
                        ? (independent() ? State.COLLECTING : State.COLLECTING_DISTRIBUTING)
                    : null;
            case COLLECTING_DISTRIBUTING -> lostSelection || !partnerSync ? State.ATTACHED : null;
            case COLLECTING -> lostSelection || !partnerSync ? State.ATTACHED
                    : sel == Selected.SELECTED && p.partnerState(LacpPortState.COLLECTING) ? State.DISTRIBUTING
                    : null;
            case DISTRIBUTING -> lostSelection || !partnerSync || !p.partnerState(LacpPortState.COLLECTING)
                    ? State.COLLECTING : null;
        };
    }

    @Override
    protected void enter(State s) {
        AggregationPort p = port;
        switch (s) {
            case DETACHED -> {
                // Detach_Mux_From_Aggregator(); Disable_Collecting_Distributing()
                p.setActorState(LacpPortState.SYNCHRONIZATION, false);
                p.setActorState(LacpPortState.COLLECTING, false);
                p.setActorState(LacpPortState.DISTRIBUTING, false);
                p.readyN = false;
                p.waitWhileTimer.stop();
                p.ntt = true;
            }
            case WAITING -> p.waitWhileTimer.start(p.bundle.aggregateWaitNanos());
            case ATTACHED -> {
                // Attach_Mux_To_Aggregator(); Disable_Collecting(_Distributing)()
                p.setActorState(LacpPortState.SYNCHRONIZATION, true);
                p.setActorState(LacpPortState.COLLECTING, false);
                p.setActorState(LacpPortState.DISTRIBUTING, false);
                p.ntt = true;
            }
            case COLLECTING_DISTRIBUTING -> {
                p.setActorState(LacpPortState.COLLECTING, true);
                p.setActorState(LacpPortState.DISTRIBUTING, true);
                p.ntt = true;
            }
            case COLLECTING -> {
                p.setActorState(LacpPortState.COLLECTING, true);
                p.setActorState(LacpPortState.DISTRIBUTING, false);
                p.ntt = true;
            }
            case DISTRIBUTING -> {
                // No NTT here [figure 6-22]: the partner learns of it at the next transmission.
                p.setActorState(LacpPortState.DISTRIBUTING, true);
            }
        }
    }
}
