package io.twinlink.lacp;

/**
 * A protocol countdown timer [802.1AX-2020 6.4.5]. It is driven only by {@link #advance},
 * never by a clock, so tests run the whole protocol in virtual time. An expired timer stays
 * expired (a level, as the state diagrams read it) until it is started again or stopped.
 */
final class Timer {

    private boolean running;
    private long remaining;

    void start(long nanos) {
        running = true;
        remaining = nanos;
    }

    void stop() {
        running = false;
        remaining = 0;
    }

    void advance(long nanos) {
        if (running && remaining > 0) {
            remaining = Math.max(0, remaining - nanos);
        }
    }

    boolean isRunning() {
        return running;
    }

    boolean expired() {
        return running && remaining == 0;
    }

    /** Nanoseconds until this timer expires, or {@link Long#MAX_VALUE} when it is stopped or already expired. */
    long untilExpiry() {
        return running && remaining > 0 ? remaining : Long.MAX_VALUE;
    }
}
