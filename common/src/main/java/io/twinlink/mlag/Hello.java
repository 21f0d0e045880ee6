package io.twinlink.mlag;

import io.twinlink.lacp.LacpSystem;
import io.twinlink.wire.MacAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The first message each peer sends on a new peer-link session: everything the two must
 * agree on (checked by {@link ConsistencyCheck}) and the node identity used by
 * {@link RoleElection}.
 *
 * @param version        the peer-link protocol version the sender speaks
 * @param domainId       the MLAG domain both peers are configured with
 * @param systemPriority the shared System Priority both advertise [802.1AX-2020 6.3.2]
 * @param systemMac      the shared virtual System ID both advertise
 * @param node           the sender's own priority and MAC (role election)
 * @param portOffset     which half of the port numbers the sender uses ({@link PortNumbering})
 * @param bundles        one profile per MLAG bundle, by mlag-id (no duplicates)
 */
public record Hello(int version, int domainId, int systemPriority, MacAddress systemMac, NodeId node,
                    int portOffset, SpanningTreeMode stpMode, List<BundleProfile> bundles) implements PeerMessage {

    public Hello {
        if (version < 1 || version > 0xFF) {
            throw new IllegalArgumentException("version must be 1..255, got " + version);
        }
        if (domainId < 0 || domainId > 0xFFFF) {
            throw new IllegalArgumentException("domain ID must be 0..65535, got " + domainId);
        }
        if (systemPriority < 0 || systemPriority > 0xFFFF) {
            throw new IllegalArgumentException("system priority must be 0..65535, got " + systemPriority);
        }
        Objects.requireNonNull(systemMac, "systemMac");
        Objects.requireNonNull(node, "node");
        PortNumbering.checkOffset(portOffset);
        Objects.requireNonNull(stpMode, "stpMode");
        bundles = List.copyOf(bundles);
        Set<Integer> ids = new HashSet<>();
        for (BundleProfile b : bundles) {
            if (!ids.add(b.mlagId())) {
                throw new IllegalArgumentException("mlag-id " + b.mlagId() + " listed twice");
            }
        }
    }

    /** The System ID both peers advertise while paired. */
    public LacpSystem sharedSystem() {
        return new LacpSystem(systemPriority, systemMac);
    }

    public BundleProfile bundle(int mlagId) {
        for (BundleProfile b : bundles) {
            if (b.mlagId() == mlagId) {
                return b;
            }
        }
        return null;
    }
}
