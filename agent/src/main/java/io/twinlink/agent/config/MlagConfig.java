package io.twinlink.agent.config;

import io.twinlink.wire.MacAddress;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * This agent's half of an MC-LAG pair: the domain both peers share, the virtual system MAC
 * both advertise, the peer-link endpoints, the shared secret that authenticates the
 * peer-link, an optional backup keepalive address, the role priority (lower wins), the
 * delay-restore after the pair rejoins, and the bridge port that carries data to the peer
 * ({@code peer-link-port}: frames from it are not sent out of bundles up on both peers).
 */
public record MlagConfig(int domainId, MacAddress systemMac, HostPort local, HostPort peer,
                         Path secretFile, Optional<InetAddress> backup, int priority, Duration delayRestore,
                         Optional<String> peerLinkPort) {

    public static final int DEFAULT_PRIORITY = 32768;
    /** How long a rejoining pair waits before its held bundles carry traffic again. */
    public static final Duration DEFAULT_DELAY_RESTORE = Duration.ofSeconds(30);

    public MlagConfig {
        Objects.requireNonNull(systemMac, "systemMac");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(secretFile, "secretFile");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(delayRestore, "delayRestore");
        Objects.requireNonNull(peerLinkPort, "peerLinkPort");
    }
}
