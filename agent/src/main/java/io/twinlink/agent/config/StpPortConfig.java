package io.twinlink.agent.config;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Per-port STP settings [802.1D-2004 17.13]. Without a cost the agent derives it from the link
 * speed (table 17-3).
 */
public record StpPortConfig(OptionalInt cost, int priority, boolean edge) {

    public static final int DEFAULT_PRIORITY = 128;

    public StpPortConfig {
        Objects.requireNonNull(cost, "cost");
    }
}
