package io.twinlink.lacp;

/**
 * The shape every per-port machine shares, after the state diagrams of 802.1AX-2020 6.4 and
 * the {@code ad_*_machine} functions of Linux {@code bond_3ad.c}: evaluate the transitions out
 * of the current state ({@link #next}), and when one fires, run the entry actions of the new
 * state ({@link #enter}). Global transitions (BEGIN, port disabled) are part of {@link #next}.
 *
 * @param <S> the machine's states, named after the boxes of its diagram
 */
abstract class PortMachine<S extends Enum<S>> {

    final AggregationPort port;
    final LacpEngine engine;
    private final String machineName;
    private S state;

    PortMachine(String machineName, AggregationPort port, LacpEngine engine) {
        this.machineName = machineName;
        this.port = port;
        this.engine = engine;
    }

    /** The current state; {@code null} only before the first step after construction. */
    S state() {
        return state;
    }

    /** Takes at most one transition (re-entering a state counts). Returns whether one was taken. */
    final boolean step() {
        S next = next(state);
        if (next == null) {
            return false;
        }
        S from = state;
        state = next;
        engine.trace().transition(machineName, port.name(), from, next);
        enter(next);
        return true;
    }

    /** The state to enter now, or {@code null} to stay. Returning the current state re-enters it. */
    abstract S next(S current);

    /** The entry actions of {@code state}. */
    abstract void enter(S state);
}
