package io.twinlink.mlag;

import java.util.Objects;

/**
 * Sent every heartbeat interval (100 ms by default) while the peer-link is up; the peer is
 * dead after three missed intervals (DESIGN.md "MC-LAG pair"). It also carries the sender's
 * current role, which the receiver needs for {@link RoleElection}.
 *
 * @param seq          the sender's heartbeat counter, 0..2^32-1 (wraps)
 * @param uptimeMillis how long the sender's pair logic has run, for {@code show mlag}
 */
public record Heartbeat(long seq, Role role, long uptimeMillis) implements PeerMessage {

    public Heartbeat {
        if (seq < 0 || seq > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("heartbeat seq must fit 32 bits, got " + seq);
        }
        Objects.requireNonNull(role, "role");
        if (uptimeMillis < 0) {
            throw new IllegalArgumentException("uptime must not be negative");
        }
    }
}
