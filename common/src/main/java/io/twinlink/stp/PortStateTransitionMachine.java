package io.twinlink.stp;

/**
 * The Port State Transition state machine [802.1D-2004 17.30, figure 17-24]: turns the Port
 * Role Transitions machine's wishes (learn, forward) into the data plane's state, and reports
 * back when that is done (learning, forwarding). The four procedures of 17.21.3-17.21.6 are
 * the engine's {@link StpEffect.SetPortState} effects.
 */
public final class PortStateTransitionMachine extends PortMachine<PortStateTransitionMachine.State> {

    public enum State {
        DISCARDING, LEARNING, FORWARDING
    }

    PortStateTransitionMachine(StpPort port, StpEngine engine) {
        super("pst", port, engine);
    }

    @Override
    protected State next(State s) {
        StpPort p = port;
        if (p.begin) {
            return s == State.DISCARDING ? null : State.DISCARDING;
        }
        return switch (s) {
            case DISCARDING -> p.learn ? State.LEARNING : null;
            case LEARNING -> !p.learn ? State.DISCARDING : p.forward ? State.FORWARDING : null;
            case FORWARDING -> !p.forward ? State.DISCARDING : null;
        };
    }

    @Override
    protected void enter(State s) {
        StpPort p = port;
        switch (s) {
            case DISCARDING -> {
                disableLearningAndForwarding();
                p.learning = false;
                p.forwarding = false;
            }
            case LEARNING -> {
                enableLearning();
                p.learning = true;
            }
            case FORWARDING -> {
                enableForwarding();
                p.forwarding = true;
                p.counters.dot1dStpPortForwardTransitions++;
            }
        }
    }

    /**
     * disableLearning [17.21.4] and disableForwarding [17.21.3], which DISCARDING always calls
     * together: one state change for the data plane.
     */
    private void disableLearningAndForwarding() {
        publish(PortState.DISCARDING);
    }

    /** enableLearning [17.21.6]. */
    private void enableLearning() {
        publish(PortState.LEARNING);
    }

    /** enableForwarding [17.21.5]. */
    private void enableForwarding() {
        publish(PortState.FORWARDING);
    }

    /** Tells the data plane, once per actual change. */
    private void publish(PortState state) {
        if (port.dataplaneState != state) {
            port.dataplaneState = state;
            engine.emit(new StpEffect.SetPortState(port.name(), state));
        }
    }
}
