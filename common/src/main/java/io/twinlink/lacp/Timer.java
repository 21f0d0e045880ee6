package io.twinlink.lacp;

/**
 * A protocol countdown timer [802.1AX-2020 6.4.5], kept as a deadline on the engine's virtual
 * clock ({@link TimerQueue}), never read from a real clock, so tests run the whole protocol in
 * virtual time. An expired timer stays expired (a level, as the state diagrams read it) until
 * it is started again or stopped. Starting it files its deadline with the queue, which is how
 * the engine knows, without looking at every port, which ports have a timer running out.
 */
final class Timer {

    private final TimerQueue queue;
    private final AggregationPort port;
    private boolean running;
    private long deadline;

    Timer(TimerQueue queue, AggregationPort port) {
        this.queue = queue;
        this.port = port;
    }

    void start(long nanos) {
        running = true;
        deadline = queue.now() + nanos;
        queue.schedule(deadline, port);
    }

    void stop() {
        running = false;
    }

    boolean isRunning() {
        return running;
    }

    boolean expired() {
        return running && queue.now() >= deadline;
    }

    /** Whether this timer, as last started, runs out at {@code at} (a queue entry from an earlier start does not count). */
    boolean fallsDueAt(long at) {
        return running && deadline == at;
    }
}
