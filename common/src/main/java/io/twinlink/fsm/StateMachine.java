package io.twinlink.fsm;

/**
 * The shape every protocol state machine here shares, after the diagrams of IEEE 802.1AX and
 * 802.1D and the per-machine functions of Linux {@code bond_3ad.c} and mstpd: evaluate the
 * transitions out of the current state ({@link #next}); when one fires, run the entry actions
 * of the new state ({@link #enter}). Global transitions (BEGIN, port disabled) are part of
 * {@link #next}. An engine runs all its machines until none steps (run until stable).
 *
 * @param <S> the machine's states, named after the boxes of its diagram
 */
public abstract class StateMachine<S extends Enum<S>> {

    private final String machineName;
    private final MachineTrace trace;
    private S state;

    protected StateMachine(String machineName, MachineTrace trace) {
        this.machineName = machineName;
        this.trace = trace;
    }

    /** The current state; {@code null} only before the first step after construction. */
    public S state() {
        return state;
    }

    /** Who this machine runs for, in trace lines: a port name, or the bridge's. */
    protected abstract String owner();

    /** Takes at most one transition (re-entering a state counts). Returns whether one was taken. */
    public final boolean step() {
        S next = next(state);
        if (next == null) {
            return false;
        }
        S from = state;
        state = next;
        trace.transition(machineName, owner(), from, next);
        enter(next);
        return true;
    }

    /** The state to enter now, or {@code null} to stay. Returning the current state re-enters it. */
    protected abstract S next(S current);

    /** The entry actions of {@code state}. */
    protected abstract void enter(S state);
}
