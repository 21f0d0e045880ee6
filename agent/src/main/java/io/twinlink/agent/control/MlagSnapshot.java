package io.twinlink.agent.control;

import io.twinlink.mlag.BundleStatus;
import io.twinlink.mlag.ConsistencyRow;
import io.twinlink.mlag.MlagPair;
import io.twinlink.wire.MacAddress;
import java.util.List;
import java.util.Map;

/**
 * {@code show mlag} (DESIGN.md contract): the domain, this node's role, the shared system ID,
 * the peer and backup paths, every MLAG bundle's two halves and whether it is held down, and
 * the consistency table.
 *
 * @param role primary | secondary | standalone
 */
public record MlagSnapshot(int domainId, String role, MacAddress systemMac, int systemPriority,
                           MacAddress advertisedSystem, String pairState, Peer peer, Backup backup,
                           List<Bundle> bundles, List<Consistency> consistency) {

    /** @param state up | down (the peer-link session); lastHeartbeatMs -1 before the first one */
    public record Peer(String address, String state, long lastHeartbeatMs) {
    }

    /** @param state alive | dead | off */
    public record Backup(String state) {
    }

    /** @param local up | down; @param peer up | down; @param reason why it is held down, or was released */
    public record Bundle(int mlagId, String name, String local, String peer, boolean protodown, String reason) {
    }

    public record Consistency(String item, String local, String peer, boolean ok) {
    }

    /** Built on the event loop; {@code bundleNames} maps mlag-id to the aggregate's interface name. */
    public static MlagSnapshot of(MlagPair pair, String peerAddress, Map<Integer, String> bundleNames) {
        List<Bundle> bundles = pair.bundles().stream().map(b -> bundle(b, bundleNames)).toList();
        List<Consistency> rows = pair.consistency().rows().stream().map(MlagSnapshot::row).toList();
        return new MlagSnapshot(pair.localHello().domainId(), pair.role().showName, pair.localHello().systemMac(),
                pair.localHello().systemPriority(), pair.advertisedSystem().mac(),
                pair.peerState().name().toLowerCase(),
                new Peer(peerAddress, pair.peerLinkConnected() ? "up" : "down", pair.millisSinceLastHeartbeat()),
                new Backup(pair.backupState().showName), bundles, rows);
    }

    private static Bundle bundle(BundleStatus b, Map<Integer, String> names) {
        return new Bundle(b.mlagId(), names.getOrDefault(b.mlagId(), "?"), b.localUp() ? "up" : "down",
                b.peerUp() ? "up" : "down", b.protodown(), b.reason());
    }

    private static Consistency row(ConsistencyRow r) {
        return new Consistency(r.item(), r.local(), r.peer(), r.ok());
    }
}
