package io.twinlink.mlag;

import java.util.concurrent.TimeUnit;

/**
 * The pair's timers, in nanoseconds (DESIGN.md "MC-LAG pair"): a heartbeat (and a backup
 * keepalive) every {@code heartbeatInterval}; the peer is dead after {@code missedHeartbeats}
 * intervals without hearing from it; a bundle held down while the pair was not together
 * comes back only after the pair has stayed together for {@code delayRestore}, so that the
 * rejoining node has learned its MACs before traffic is hashed to it, and a flapping
 * peer-link cannot flap the bundles faster than that.
 */
public record PairTimers(long heartbeatInterval, int missedHeartbeats, long delayRestore) {

    public static final long DEFAULT_HEARTBEAT_INTERVAL = TimeUnit.MILLISECONDS.toNanos(100);
    public static final int DEFAULT_MISSED_HEARTBEATS = 3;
    public static final long DEFAULT_DELAY_RESTORE = TimeUnit.SECONDS.toNanos(30);

    public static final PairTimers DEFAULT =
            new PairTimers(DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_MISSED_HEARTBEATS, DEFAULT_DELAY_RESTORE);

    public PairTimers {
        if (heartbeatInterval <= 0) {
            throw new IllegalArgumentException("heartbeat interval must be positive");
        }
        if (missedHeartbeats < 1) {
            throw new IllegalArgumentException("missed heartbeats must be at least 1");
        }
        if (delayRestore < 0) {
            throw new IllegalArgumentException("delay-restore must not be negative");
        }
    }

    /** No word from the peer for this long and it is dead. */
    public long deadInterval() {
        return heartbeatInterval * missedHeartbeats;
    }

    public PairTimers withDelayRestore(long nanos) {
        return new PairTimers(heartbeatInterval, missedHeartbeats, nanos);
    }
}
