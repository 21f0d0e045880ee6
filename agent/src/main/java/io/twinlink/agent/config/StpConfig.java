package io.twinlink.agent.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The spanning tree bridge [802.1D-2004 clause 17]: which Linux bridge, which protocol version,
 * the bridge priority and timers (seconds), and per-port settings in the order written.
 */
public record StpConfig(String bridge, StpMode mode, int priority, int helloTime, int maxAge,
                        int forwardDelay, int txHoldCount, StpPathCost pathCost,
                        Map<String, StpPortConfig> ports) {

    /** Recommended values of 802.1D-2004 table 17-1 and 17-2. */
    public static final int DEFAULT_PRIORITY = 32768;
    public static final int DEFAULT_HELLO_TIME = 2;
    public static final int DEFAULT_MAX_AGE = 20;
    public static final int DEFAULT_FORWARD_DELAY = 15;
    public static final int DEFAULT_TX_HOLD_COUNT = 6;

    public StpConfig {
        Objects.requireNonNull(bridge, "bridge");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(pathCost, "pathCost");
        ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
    }
}
