package io.twinlink.agent.daemon;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when the event loop falls behind: it asks to be woken every {@code period} and
 * logs a warning when a wake-up comes more than {@code threshold} late, because a stalled
 * loop means late LACPDUs and, past the partner's timeout, a member dropped from its LAG.
 */
public final class StallWatchdog {

    private static final Logger LOG = LoggerFactory.getLogger(StallWatchdog.class);

    private final Scheduler loop;
    private final LongSupplier nanoClock;
    private final long periodNanos;
    private final long thresholdNanos;
    private long expectedAt;
    private long stalls;
    private long worstLatenessNanos;
    private volatile boolean stopped;

    public StallWatchdog(Scheduler loop, LongSupplier nanoClock, long periodNanos, long thresholdNanos) {
        this.loop = loop;
        this.nanoClock = nanoClock;
        this.periodNanos = periodNanos;
        this.thresholdNanos = thresholdNanos;
    }

    public static StallWatchdog standard(Scheduler loop, LongSupplier nanoClock) {
        return new StallWatchdog(loop, nanoClock, TimeUnit.MILLISECONDS.toNanos(100),
                TimeUnit.MILLISECONDS.toNanos(500));
    }

    public void start() {
        expectedAt = nanoClock.getAsLong() + periodNanos;
        loop.schedule(this::check, periodNanos);
    }

    public void stop() {
        stopped = true;
    }

    private void check() {
        if (stopped) {
            return;
        }
        long now = nanoClock.getAsLong();
        long late = now - expectedAt;
        worstLatenessNanos = Math.max(worstLatenessNanos, late);
        if (late > thresholdNanos) {
            stalls++;
            LOG.warn("event loop stalled for {} ms (protocol timers ran late)", TimeUnit.NANOSECONDS.toMillis(late));
        }
        expectedAt = now + periodNanos;
        loop.schedule(this::check, periodNanos);
    }

    public long stalls() {
        return stalls;
    }

    public long worstLatenessNanos() {
        return worstLatenessNanos;
    }
}
