package io.twinlink.agent.daemon;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One-shot wake-ups on the event loop. Small on purpose: the real one is the Netty event
 * loop, and tests drive a virtual one.
 */
@FunctionalInterface
public interface Scheduler {

    /** Something scheduled that can still be called off. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    Cancellable schedule(Runnable task, long delayNanos);

    static Scheduler of(ScheduledExecutorService executor) {
        return (task, delay) -> {
            var future = executor.schedule(task, delay, TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
