package io.twinlink.stp;

/**
 * The shape every machine of clause 17 shares, after the figures of 802.1D-2004 17.22-17.31
 * and mstpd's {@code *_run} functions: evaluate the transitions out of the current state
 * ({@link #next}), and when one fires, run the entry actions of the new state ({@link #enter}).
 * Global transitions (BEGIN, a role change) are part of {@link #next}.
 *
 * @param <S> the machine's states, named after the boxes of its diagram
 */
abstract class StateMachine<S extends Enum<S>> {

    final StpEngine engine;
    private final String machineName;
    private S state;

    StateMachine(String machineName, StpEngine engine) {
        this.machineName = machineName;
        this.engine = engine;
    }

    /** The current state; {@code null} only before the first step after construction. */
    S state() {
        return state;
    }

    /** Who this machine runs for, in trace lines: a port name, or the bridge's. */
    abstract String owner();

    /** Takes at most one transition (re-entering a state counts). Returns whether one was taken. */
    final boolean step() {
        S next = next(state);
        if (next == null) {
            return false;
        }
        S from = state;
        state = next;
        engine.trace().transition(machineName, owner(), from, next);
        enter(next);
        return true;
    }

    /** The state to enter now, or {@code null} to stay. Returning the current state re-enters it. */
    abstract S next(S current);

    /** The entry actions of {@code state}. */
    abstract void enter(S state);
}
