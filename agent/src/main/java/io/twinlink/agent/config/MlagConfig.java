package io.twinlink.agent.config;

import io.twinlink.wire.MacAddress;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * This agent's half of an MC-LAG pair: the domain both peers share, the virtual system MAC
 * both advertise, the peer-link endpoints, the shared secret that authenticates the
 * peer-link, an optional backup keepalive address, and the role priority (lower wins).
 */
public record MlagConfig(int domainId, MacAddress systemMac, HostPort local, HostPort peer,
                         Path secretFile, Optional<InetAddress> backup, int priority) {

    public static final int DEFAULT_PRIORITY = 32768;

    public MlagConfig {
        Objects.requireNonNull(systemMac, "systemMac");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(secretFile, "secretFile");
        Objects.requireNonNull(backup, "backup");
    }
}
