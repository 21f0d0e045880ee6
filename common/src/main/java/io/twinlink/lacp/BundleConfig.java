package io.twinlink.lacp;

/**
 * What an operator sets for one link aggregate: the admin key its members share, how many
 * members must be up before it carries traffic ({@code minLinks}), how many may carry
 * traffic at once ({@code maxLinks}, the rest are STANDBY), the Aggregate_Wait_Time and the
 * Mux control variant.
 */
public record BundleConfig(String name, int key, int minLinks, int maxLinks, long aggregateWaitNanos,
                           MuxControl muxControl) {

    public static final int UNLIMITED = Integer.MAX_VALUE;

    public BundleConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("bundle name is required");
        }
        if (key < 1 || key > 0xFFFF) {
            throw new IllegalArgumentException("key must be 1..65535, got " + key);
        }
        if (minLinks < 0 || maxLinks < 1 || minLinks > maxLinks) {
            throw new IllegalArgumentException("need 0 <= min-links <= max-links and max-links >= 1");
        }
        if (aggregateWaitNanos < 0) {
            throw new IllegalArgumentException("aggregate-wait must not be negative");
        }
    }

    public static BundleConfig of(String name, int key) {
        return new BundleConfig(name, key, 1, UNLIMITED, LacpTimes.AGGREGATE_WAIT_TIME, MuxControl.COUPLED);
    }

    public BundleConfig withMinLinks(int n) {
        return new BundleConfig(name, key, n, maxLinks, aggregateWaitNanos, muxControl);
    }

    public BundleConfig withMaxLinks(int n) {
        return new BundleConfig(name, key, minLinks, n, aggregateWaitNanos, muxControl);
    }

    public BundleConfig withAggregateWait(long nanos) {
        return new BundleConfig(name, key, minLinks, maxLinks, nanos, muxControl);
    }

    public BundleConfig withMuxControl(MuxControl control) {
        return new BundleConfig(name, key, minLinks, maxLinks, aggregateWaitNanos, control);
    }
}
