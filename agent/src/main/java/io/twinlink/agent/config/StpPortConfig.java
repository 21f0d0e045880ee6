package io.twinlink.agent.config;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Per-port STP settings [802.1D-2004 17.13]. Without a cost the agent derives it from the link
 * speed (table 17-3). {@code pointToPoint} is adminPointToPointMAC [6.4.3]; BPDU guard (an edge
 * port that hears a BPDU is taken out of service) and root guard (the port may never become
 * Root Port) are not in the standard but every switch has them.
 */
public record StpPortConfig(OptionalInt cost, int priority, boolean edge, StpPointToPoint pointToPoint,
                            boolean bpduGuard, boolean rootGuard) {

    public static final int DEFAULT_PRIORITY = 128;

    public StpPortConfig {
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(pointToPoint, "pointToPoint");
    }

    public static StpPortConfig defaults() {
        return new StpPortConfig(OptionalInt.empty(), DEFAULT_PRIORITY, false, StpPointToPoint.AUTO, false, false);
    }
}
