package io.twinlink.agent.control;

import io.twinlink.wire.MacAddress;
import java.util.Objects;

/** The System Identifier this agent advertises [802.1AX-2020 6.3.2]: JSON {@code {priority, mac}}. */
public record SystemIdentity(int priority, MacAddress mac) {

    public SystemIdentity {
        Objects.requireNonNull(mac, "mac");
    }
}
