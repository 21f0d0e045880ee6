package io.twinlink.stp;

/**
 * How a port's path cost follows from its link speed when it is not configured.
 *
 * <ul>
 *   <li>{@link #LONG}: 802.1D-2004 table 17-3, 20 000 000 / (speed in Mb/s), 1..200 000 000:
 *       10 Mb/s = 2 000 000, 100 Mb/s = 200 000, 1 Gb/s = 20 000, 10 Gb/s = 2 000.</li>
 *   <li>{@link #SHORT}: the 16-bit values of 802.1D-1998 table 8-5, which the Linux bridge
 *       still uses ({@code port_cost()} in {@code net/bridge/br_if.c}): 10 Mb/s = 100,
 *       100 Mb/s = 19, 1 Gb/s = 4, 10 Gb/s = 2, faster = 1.</li>
 * </ul>
 *
 * A speed that is unknown (0 or negative) counts as 10 Mb/s, as the Linux bridge assumes.
 */
public enum PathCostMethod {
    LONG,
    SHORT;

    /** Port Path Cost range [802.1D-2004 17.14, table 17-3]. */
    public static final long MIN_PATH_COST = 1;
    public static final long MAX_PATH_COST = 200_000_000;

    private static final long UNKNOWN_SPEED_MBPS = 10;

    /** The recommended Port Path Cost for a link of {@code speedMbps}. */
    public long costFor(long speedMbps) {
        long speed = speedMbps > 0 ? speedMbps : UNKNOWN_SPEED_MBPS;
        return switch (this) {
            case LONG -> Math.max(MIN_PATH_COST, Math.min(MAX_PATH_COST, 20_000_000L / speed));
            case SHORT -> shortCost(speed);
        };
    }

    private static long shortCost(long speed) {
        if (speed > 10_000) {
            return 1;
        }
        if (speed >= 10_000) {
            return 2;
        }
        if (speed >= 5_000) {
            return 3;
        }
        if (speed >= 1_000) {
            return 4;
        }
        if (speed >= 100) {
            return 19;
        }
        return 100;
    }
}
