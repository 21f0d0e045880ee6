package io.twinlink.mlag;

import io.twinlink.lacp.LacpSystem;
import java.util.Objects;

/** What {@link MlagPair} asks the agent to do; carried out in order. */
public sealed interface MlagEffect {

    /** Send this message to the peer over the peer-link. */
    record Send(PeerMessage message) implements MlagEffect {
        public Send {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Send this keepalive to the peer over the backup path. */
    record SendKeepalive(Keepalive keepalive) implements MlagEffect {
    }

    /**
     * Close the current peer-link connection: the peer stopped talking on it (heartbeats
     * missed, or no hello). The transport reconnects by itself and a new session starts with
     * fresh hellos.
     */
    record DropPeerLink(String reason) implements MlagEffect {
    }

    /**
     * Hold this MLAG bundle down (or release it). Emitted when the flag or its reason changes,
     * so the same flag may come twice with a new reason: carrying it out must be idempotent.
     */
    record SetProtodown(int mlagId, boolean protodown, String reason) implements MlagEffect {
    }

    /**
     * Advertise this LACP System ID from now on: the shared one, or this node's own when it is
     * the secondary of a pair that cannot act as one system. LACP must send a LACPDU on every
     * port at once (DESIGN.md "MC-LAG pair"; {@code LacpEngine.setSystem} does).
     */
    record AdvertiseSystem(LacpSystem system, boolean shared, String reason) implements MlagEffect {
    }

    record RoleChanged(Role from, Role to, String reason) implements MlagEffect {
    }

    record PeerStateChanged(PeerState from, PeerState to) implements MlagEffect {
    }

    /**
     * The peer's half of an MLAG bundle changed (or became unknown: reported down). Traffic
     * from the peer-link must not leave by a bundle that is up on both peers (split horizon).
     */
    record PeerBundle(int mlagId, boolean up) implements MlagEffect {
    }

    /** MAC addresses the peer learned or aged out on MLAG bundles: install or remove them here. */
    record PeerMacs(MacSync sync) implements MlagEffect {
    }
}
