package io.twinlink.lacp;

import java.util.concurrent.TimeUnit;

/** The protocol's timer constants [802.1AX-2020 6.4.4], in nanoseconds. */
public final class LacpTimes {

    public static final long FAST_PERIODIC_TIME = TimeUnit.SECONDS.toNanos(1);
    public static final long SLOW_PERIODIC_TIME = TimeUnit.SECONDS.toNanos(30);
    public static final long SHORT_TIMEOUT_TIME = TimeUnit.SECONDS.toNanos(3);
    public static final long LONG_TIMEOUT_TIME = TimeUnit.SECONDS.toNanos(90);
    public static final long CHURN_DETECTION_TIME = TimeUnit.SECONDS.toNanos(60);
    public static final long AGGREGATE_WAIT_TIME = TimeUnit.SECONDS.toNanos(2);
    /** At most this many LACPDUs in any Fast_Periodic_Time interval [802.1AX-2020 6.4.16]. */
    public static final int MAX_TX_PER_FAST_PERIOD = 3;

    private LacpTimes() {
    }
}
