package io.twinlink.agent.peerlink;

import io.twinlink.agent.config.MlagConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the peer-link listens and connects, the secret, optional TLS, and its timings: the
 * handshake must finish within {@code handshakeTimeout}; reconnects wait {@code minBackoff}
 * after a loss, doubling up to {@code maxBackoff}.
 */
public record PeerLinkSettings(InetSocketAddress local, InetSocketAddress peer, SharedSecret secret,
                               Optional<PeerLinkTls> tls, Duration handshakeTimeout, Duration minBackoff,
                               Duration maxBackoff) {

    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofMillis(100);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(1);

    public PeerLinkSettings {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(tls, "tls");
        if (local.equals(peer)) {
            throw new IllegalArgumentException("the peer-link's local and peer addresses are the same: " + local);
        }
    }

    public static PeerLinkSettings of(InetSocketAddress local, InetSocketAddress peer, SharedSecret secret) {
        return new PeerLinkSettings(local, peer, secret, Optional.empty(), DEFAULT_HANDSHAKE_TIMEOUT,
                DEFAULT_MIN_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    /** From the {@code mlag:} section: resolves the endpoints and reads the secret file. */
    public static PeerLinkSettings from(MlagConfig config) throws IOException {
        return of(config.local().toSocketAddress(), config.peer().toSocketAddress(),
                SharedSecret.read(config.secretFile()));
    }

    public PeerLinkSettings withTls(PeerLinkTls tlsFiles) {
        return new PeerLinkSettings(local, peer, secret, Optional.of(tlsFiles), handshakeTimeout, minBackoff,
                maxBackoff);
    }

    /**
     * Whether this node's address orders before its peer's (address octets, then port). When
     * both connect at once, the connection this node's side opened survives if it is the
     * lower, the one the peer opened otherwise: both sides reach the same verdict.
     */
    public boolean localIsLower() {
        byte[] a = local.getAddress() == null ? new byte[0] : local.getAddress().getAddress();
        byte[] b = peer.getAddress() == null ? new byte[0] : peer.getAddress().getAddress();
        if (a.length != b.length) {
            return a.length < b.length;
        }
        int c = java.util.Arrays.compareUnsigned(a, b);
        return c != 0 ? c < 0 : local.getPort() < peer.getPort();
    }
}
