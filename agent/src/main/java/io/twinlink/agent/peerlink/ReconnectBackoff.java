package io.twinlink.agent.peerlink;

/**
 * How long to wait before the next connection attempt: {@code min} after a loss, doubling on
 * each failure up to {@code max}, back to {@code min} once a connection authenticates. Quick
 * when the peer is just restarting, and without hammering a peer that is gone.
 */
final class ReconnectBackoff {

    private final long minNanos;
    private final long maxNanos;
    private long next;

    ReconnectBackoff(long minNanos, long maxNanos) {
        if (minNanos <= 0 || maxNanos < minNanos) {
            throw new IllegalArgumentException("need 0 < min <= max");
        }
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
        this.next = minNanos;
    }

    /** The delay before the next attempt; the one after it will be twice as long, up to max. */
    long next() {
        long delay = next;
        next = Math.min(maxNanos, next * 2);
        return delay;
    }

    void reset() {
        next = minNanos;
    }
}
