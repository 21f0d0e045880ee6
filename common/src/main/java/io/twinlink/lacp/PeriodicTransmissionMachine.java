package io.twinlink.lacp;

import io.twinlink.wire.LacpPortState;

/**
 * The Periodic Transmission machine [802.1AX-2020 6.4.13, figure 6-19]: how often a port
 * speaks is decided by the partner's LACP_Timeout (it asks for fast or slow), and nobody
 * speaks periodically when both ends are passive.
 */
public final class PeriodicTransmissionMachine extends PortMachine<PeriodicTransmissionMachine.State> {

    public enum State {
        NO_PERIODIC, FAST_PERIODIC, SLOW_PERIODIC, PERIODIC_TX
    }

    PeriodicTransmissionMachine(AggregationPort port, LacpEngine engine) {
        super("periodic", port, engine);
    }

    @Override
    protected State next(State s) {
        AggregationPort p = port;
        boolean bothPassive = !p.actorState(LacpPortState.ACTIVITY) && !p.partnerState(LacpPortState.ACTIVITY);
        if (p.begin || !p.lacpEnabled || !p.portEnabled || bothPassive) {
            return s == State.NO_PERIODIC ? null : State.NO_PERIODIC;
        }
        boolean partnerShortTimeout = p.partnerState(LacpPortState.TIMEOUT);
        return switch (s) {
            case NO_PERIODIC -> State.FAST_PERIODIC;
            case FAST_PERIODIC -> p.periodicTimer.expired() ? State.PERIODIC_TX
                    : !partnerShortTimeout ? State.SLOW_PERIODIC : null;
            case SLOW_PERIODIC -> p.periodicTimer.expired() || partnerShortTimeout ? State.PERIODIC_TX : null;
            case PERIODIC_TX -> partnerShortTimeout ? State.FAST_PERIODIC : State.SLOW_PERIODIC;
        };
    }

    @Override
    protected void enter(State s) {
        switch (s) {
            case NO_PERIODIC -> port.periodicTimer.stop();
            case FAST_PERIODIC -> port.periodicTimer.start(LacpTimes.FAST_PERIODIC_TIME);
            case SLOW_PERIODIC -> port.periodicTimer.start(LacpTimes.SLOW_PERIODIC_TIME);
            case PERIODIC_TX -> port.ntt = true;
        }
    }
}
