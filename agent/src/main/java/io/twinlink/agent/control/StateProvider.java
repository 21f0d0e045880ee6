package io.twinlink.agent.control;

import java.util.concurrent.CompletionStage;

/**
 * How the control socket and the metrics endpoint read protocol state without touching it.
 *
 * <p>Protocol state belongs to the event-loop thread (DESIGN.md). Callers are control and
 * HTTP threads, so an implementation must build the snapshot <em>on the event loop</em> and
 * complete the stage there, e.g.
 * {@code CompletableFuture.supplyAsync(() -> LacpSnapshot.of(engine), eventLoop)}.
 * Snapshots are immutable records; nothing mutable may leak through them. Callers wait with a
 * deadline, so a busy loop shows up as an error, never as a hung {@code twinlink show}.
 */
public interface StateProvider {

    CompletionStage<LacpSnapshot> lacp();

    CompletionStage<PortsSnapshot> ports();

    /** {@code show mlag}; fails when this agent is not half of an MC-LAG pair. */
    default CompletionStage<MlagSnapshot> mlag() {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new NotRunningException("MC-LAG is not running in this agent"));
    }

    /** {@code show stp}; fails when this agent runs no spanning tree. */
    default CompletionStage<StpSnapshot> stp() {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new NotRunningException("STP is not running in this agent"));
    }
}
