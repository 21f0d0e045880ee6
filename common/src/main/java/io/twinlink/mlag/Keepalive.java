package io.twinlink.mlag;

import java.util.Objects;

/**
 * Sent on the backup path (a separate network, over UDP) every heartbeat interval. While
 * the peer-link is down it is the only proof that the peer is alive, and it carries enough
 * for the two to elect roles without the peer-link: the domain (keepalives of another pair
 * are ignored), the sender's node identity and its current role.
 */
public record Keepalive(int domainId, NodeId node, Role role) implements PeerMessage {

    public Keepalive {
        if (domainId < 0 || domainId > 0xFFFF) {
            throw new IllegalArgumentException("domain ID must be 0..65535, got " + domainId);
        }
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(role, "role");
    }
}
