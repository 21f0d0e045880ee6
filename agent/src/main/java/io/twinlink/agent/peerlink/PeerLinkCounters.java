package io.twinlink.agent.peerlink;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the peer-link refused or redid, for {@code show mlag} and the metrics. Written on the
 * event loop, read from anywhere (the control socket, tests).
 */
public final class PeerLinkCounters {

    final AtomicLong authFailures = new AtomicLong();
    final AtomicLong replays = new AtomicLong();
    final AtomicLong malformed = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong refusedConnections = new AtomicLong();

    /** Handshakes that failed (wrong secret, bad handshake, timeout, TLS refused) and frames whose MAC did not verify. */
    public long authFailures() {
        return authFailures.get();
    }

    /** Authenticated frames out of sequence: replayed, reordered or with frames missing before them. */
    public long replays() {
        return replays.get();
    }

    /** Frames too long, too short, or whose message does not decode. */
    public long malformed() {
        return malformed.get();
    }

    /**
     * Inbound connections closed before any handshake: from an address other than the peer's,
     * or while {@link NettyPeerLink#MAX_PENDING_HANDSHAKES} others were still handshaking.
     */
    public long refusedConnections() {
        return refusedConnections.get();
    }

    /** Times the peer-link came up again after having been up. */
    public long reconnects() {
        return reconnects.get();
    }

    @Override
    public String toString() {
        return "authFailures=" + authFailures() + " replays=" + replays() + " malformed=" + malformed()
                + " reconnects=" + reconnects() + " refusedConnections=" + refusedConnections();
    }
}
