package io.twinlink.lacp;

import io.twinlink.wire.LacpPortState;

/**
 * The Actor and Partner Churn Detection machines [802.1AX-2020 6.4.17, figures 6-24 and
 * 6-25]: a port whose actor (or partner) has not reached synchronization within
 * Churn_Detection_Time is flagged as churned, the usual sign of a misconfigured or
 * unsupported partner. One class serves both diagrams; its states map to
 * NO_ACTOR_CHURN / ACTOR_CHURN_MONITOR / ACTOR_CHURN and the PARTNER_ equivalents.
 */
public final class ChurnDetectionMachine extends PortMachine<ChurnDetectionMachine.State> {

    public enum State {
        NO_CHURN, CHURN_MONITOR, CHURN
    }

    private final boolean actorSide;

    private ChurnDetectionMachine(String name, boolean actorSide, AggregationPort port, LacpEngine engine) {
        super(name, port, engine);
        this.actorSide = actorSide;
    }

    static ChurnDetectionMachine actor(AggregationPort port, LacpEngine engine) {
        return new ChurnDetectionMachine("actor-churn", true, port, engine);
    }

    static ChurnDetectionMachine partner(AggregationPort port, LacpEngine engine) {
        return new ChurnDetectionMachine("partner-churn", false, port, engine);
    }

    private boolean inSync() {
        return actorSide ? port.actorState(LacpPortState.SYNCHRONIZATION)
                : port.partnerState(LacpPortState.SYNCHRONIZATION);
    }

    private Timer timer() {
        return actorSide ? port.actorChurnTimer : port.partnerChurnTimer;
    }

    @Override
    protected State next(State s) {
        if (port.begin || !port.portEnabled) {
            return s == State.CHURN_MONITOR ? null : State.CHURN_MONITOR;
        }
        return switch (s) {
            case CHURN_MONITOR -> inSync() ? State.NO_CHURN : timer().expired() ? State.CHURN : null;
            case NO_CHURN -> inSync() ? null : State.CHURN_MONITOR;
            case CHURN -> inSync() ? State.NO_CHURN : null;
        };
    }

    @Override
    protected void enter(State s) {
        switch (s) {
            case CHURN_MONITOR -> {
                setChurn(false);
                timer().start(LacpTimes.CHURN_DETECTION_TIME);
            }
            case NO_CHURN -> {
                setChurn(false);
                timer().stop();
                if (actorSide) {
                    port.counters.dot3adAggPortDebugActorSyncTransitionCount++;
                } else {
                    port.counters.dot3adAggPortDebugPartnerSyncTransitionCount++;
                }
            }
            case CHURN -> {
                setChurn(true);
                if (actorSide) {
                    port.counters.dot3adAggPortDebugActorChurnCount++;
                } else {
                    port.counters.dot3adAggPortDebugPartnerChurnCount++;
                }
                engine.trace().event(port.name(), (actorSide ? "actor" : "partner")
                        + " churn: not in sync for " + LacpTimes.CHURN_DETECTION_TIME / 1_000_000_000L + " s");
            }
        }
    }

    private void setChurn(boolean churn) {
        if (actorSide) {
            port.actorChurn = churn;
        } else {
            port.partnerChurn = churn;
        }
    }
}
