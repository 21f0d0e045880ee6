package io.twinlink.agent.config;

import io.twinlink.wire.MacAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * The LACP System Identifier this agent advertises [802.1AX-2020 6.3.2]: priority and MAC.
 * Without a MAC the agent uses the first member's, as Linux bonding does.
 */
public record SystemConfig(int priority, Optional<MacAddress> mac) {

    public static final int DEFAULT_PRIORITY = 32768;

    public SystemConfig {
        Objects.requireNonNull(mac, "mac");
    }

    /**
     * A System ID must be an individual (unicast) address and not all zeros: the partner
     * keys its aggregation decisions on it [802.1AX-2020 6.3.2].
     */
    public static MacAddress parseSystemMac(String text) {
        MacAddress mac = MacAddress.parse(text);
        if (mac.isMulticast()) {
            throw new IllegalArgumentException("must be a unicast MAC address, " + mac + " has the group bit set");
        }
        if (mac.isZero()) {
            throw new IllegalArgumentException("must not be 00:00:00:00:00:00");
        }
        return mac;
    }
}
