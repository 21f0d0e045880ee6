package io.twinlink.stp;

import io.twinlink.wire.BridgeId;
import io.twinlink.wire.MacAddress;

/**
 * The management parameters of an RSTP bridge [802.1D-2004 17.13, 17.14]: its name (for
 * traces), MAC address and priority (together the Bridge Identifier, 9.2.5), the protocol
 * version it is forced to, the timers it would advertise as root (in whole seconds), the
 * Transmit Hold Count, and how port path costs follow from link speed.
 *
 * <p>Out-of-range values are refused with the clause that sets the range [17.14, table 17-1]:
 * Hello Time 1..2 s, Max Age 6..40 s, Forward Delay 4..30 s, TxHoldCount 1..10, priority
 * 0..61440 in steps of 4096, and 2 x (Forward Delay - 1) >= Max Age >= 2 x (Hello Time + 1),
 * without which information could age out before a new path is forwarding. (Within these
 * ranges the right half always holds: Hello Time is at most 2 s and Max Age at least 6 s.)
 */
public record BridgeConfig(String name, MacAddress mac, int priority, ForceProtocolVersion forceVersion,
                           int helloTime, int maxAge, int forwardDelay, int txHoldCount,
                           PathCostMethod pathCostMethod) {

    /** Recommended values [17.14, table 17-1 and 17-2]. */
    public static final int DEFAULT_PRIORITY = 32768;
    public static final int DEFAULT_HELLO_TIME = 2;
    public static final int DEFAULT_MAX_AGE = 20;
    public static final int DEFAULT_FORWARD_DELAY = 15;
    public static final int DEFAULT_TX_HOLD_COUNT = 6;

    public static final int MIN_HELLO_TIME = 1;
    public static final int MAX_HELLO_TIME = 2;
    public static final int MIN_MAX_AGE = 6;
    public static final int MAX_MAX_AGE = 40;
    public static final int MIN_FORWARD_DELAY = 4;
    public static final int MAX_FORWARD_DELAY = 30;
    public static final int MIN_TX_HOLD_COUNT = 1;
    public static final int MAX_TX_HOLD_COUNT = 10;

    public BridgeConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("bridge name is required");
        }
        if (mac == null || mac.isMulticast() || mac.isZero()) {
            throw new IllegalArgumentException("bridge address must be a unicast MAC, got " + mac);
        }
        if (priority < 0 || priority > BridgeId.MAX_PRIORITY || priority % BridgeId.PRIORITY_STEP != 0) {
            throw new IllegalArgumentException("bridge priority must be a multiple of 4096 in 0..61440"
                    + " [802.1D-2004 17.14 table 17-2], got " + priority);
        }
        if (forceVersion == null || pathCostMethod == null) {
            throw new IllegalArgumentException("forceVersion and pathCostMethod are required");
        }
        requireRange("hello time", helloTime, MIN_HELLO_TIME, MAX_HELLO_TIME, " s");
        requireRange("max age", maxAge, MIN_MAX_AGE, MAX_MAX_AGE, " s");
        requireRange("forward delay", forwardDelay, MIN_FORWARD_DELAY, MAX_FORWARD_DELAY, " s");
        requireRange("transmit hold count", txHoldCount, MIN_TX_HOLD_COUNT, MAX_TX_HOLD_COUNT, "");
        if (2 * (forwardDelay - 1) < maxAge) {
            throw new IllegalArgumentException("forward delay " + forwardDelay + " s is too short for max age " + maxAge
                    + " s: need 2*(forward delay-1) >= max age [802.1D-2004 17.14]");
        }
    }

    private static void requireRange(String what, int value, int min, int max, String unit) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + unit
                    + " [802.1D-2004 17.14 table 17-1], got " + value);
        }
    }

    /** An RSTP bridge with the recommended values of table 17-1. */
    public static BridgeConfig of(String name, MacAddress mac) {
        return new BridgeConfig(name, mac, DEFAULT_PRIORITY, ForceProtocolVersion.RSTP, DEFAULT_HELLO_TIME,
                DEFAULT_MAX_AGE, DEFAULT_FORWARD_DELAY, DEFAULT_TX_HOLD_COUNT, PathCostMethod.LONG);
    }

    public BridgeConfig withPriority(int p) {
        return new BridgeConfig(name, mac, p, forceVersion, helloTime, maxAge, forwardDelay, txHoldCount,
                pathCostMethod);
    }

    public BridgeConfig withForceVersion(ForceProtocolVersion v) {
        return new BridgeConfig(name, mac, priority, v, helloTime, maxAge, forwardDelay, txHoldCount, pathCostMethod);
    }

    /** Hello Time, Max Age and Forward Delay at once, since they are only valid together [17.14]. */
    public BridgeConfig withTimers(int hello, int maxAgeSeconds, int forwardDelaySeconds) {
        return new BridgeConfig(name, mac, priority, forceVersion, hello, maxAgeSeconds, forwardDelaySeconds,
                txHoldCount, pathCostMethod);
    }

    public BridgeConfig withTxHoldCount(int n) {
        return new BridgeConfig(name, mac, priority, forceVersion, helloTime, maxAge, forwardDelay, n, pathCostMethod);
    }

    public BridgeConfig withPathCostMethod(PathCostMethod m) {
        return new BridgeConfig(name, mac, priority, forceVersion, helloTime, maxAge, forwardDelay, txHoldCount, m);
    }

    /** The Bridge Identifier [9.2.5]; the system ID extension is 0 in plain RSTP. */
    public BridgeId bridgeId() {
        return BridgeId.of(priority, mac);
    }

    /** BridgeTimes [17.18.4]: what this bridge advertises when it is the root. */
    Times bridgeTimes() {
        return new Times(0, maxAge, forwardDelay, helloTime);
    }
}
