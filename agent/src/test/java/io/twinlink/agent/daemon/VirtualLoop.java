package io.twinlink.agent.daemon;

import java.util.PriorityQueue;

/** A single-threaded scheduler on a virtual clock: the event loop, without waiting. */
final class VirtualLoop implements Scheduler {

    private record Task(long at, long seq, Runnable run, boolean[] cancelled) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) ->
            a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
    private long now;
    private long seq;

    long now() {
        return now;
    }

    @Override
    public Cancellable schedule(Runnable task, long delayNanos) {
        boolean[] cancelled = {false};
        tasks.add(new Task(now + delayNanos, seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Runs everything due within {@code nanos}, in time order, then sets the clock to the end. */
    void runFor(long nanos) {
        long end = now + nanos;
        while (!tasks.isEmpty() && tasks.peek().at <= end) {
            Task t = tasks.poll();
            now = t.at;
            if (!t.cancelled[0]) {
                t.run.run();
            }
        }
        now = end;
    }

    /** Runs a task "now", as a post from another thread would. */
    void post(Runnable r) {
        r.run();
    }
}
