package io.twinlink.stp;

/**
 * A machine of clause 17 [802.1D-2004 17.22-17.31], with the engine whose per-bridge
 * variables it reads; the stepping itself is {@link io.twinlink.fsm.StateMachine}'s, shared
 * with the LACP machines.
 *
 * @param <S> the machine's states, named after the boxes of its diagram
 */
abstract class StateMachine<S extends Enum<S>> extends io.twinlink.fsm.StateMachine<S> {

    final StpEngine engine;

    StateMachine(String machineName, StpEngine engine) {
        super(machineName, engine.trace());
        this.engine = engine;
    }
}
