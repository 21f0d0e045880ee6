package io.twinlink.wire;

/**
 * The four timer values a Configuration or RST BPDU carries [802.1D-2004 9.2.8, 9.3.1]:
 * Message Age, Max Age, Hello Time and Forward Delay, kept exactly as on the wire, in units
 * of 1/256 second, so that decoding and re-encoding never rounds.
 */
public record BpduTimes(int messageAge, int maxAge, int helloTime, int forwardDelay) {

    /** Wire units per second [802.1D-2004 9.2.8]. */
    public static final int UNITS_PER_SECOND = 256;

    /** 802.1D-2004 17.14 defaults: Max Age 20 s, Hello 2 s, Forward Delay 15 s, age 0. */
    public static final BpduTimes DEFAULTS = ofSeconds(0, 20, 2, 15);

    public BpduTimes {
        requireU16(messageAge, "messageAge");
        requireU16(maxAge, "maxAge");
        requireU16(helloTime, "helloTime");
        requireU16(forwardDelay, "forwardDelay");
    }

    public static BpduTimes ofSeconds(int messageAge, int maxAge, int helloTime, int forwardDelay) {
        return new BpduTimes(messageAge * UNITS_PER_SECOND, maxAge * UNITS_PER_SECOND,
                helloTime * UNITS_PER_SECOND, forwardDelay * UNITS_PER_SECOND);
    }

    public BpduTimes withMessageAge(int units) {
        return new BpduTimes(units, maxAge, helloTime, forwardDelay);
    }

    public static double seconds(int units) {
        return units / (double) UNITS_PER_SECOND;
    }

    public double messageAgeSeconds() { return seconds(messageAge); }
    public double maxAgeSeconds() { return seconds(maxAge); }
    public double helloTimeSeconds() { return seconds(helloTime); }
    public double forwardDelaySeconds() { return seconds(forwardDelay); }

    private static void requireU16(int v, String name) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(name + " must be 0..65535 (1/256 s), got " + v);
        }
    }
}
