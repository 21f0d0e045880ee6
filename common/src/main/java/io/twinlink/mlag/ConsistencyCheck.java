package io.twinlink.mlag;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * Compares this node's {@link Hello} with its peer's (DESIGN.md "MC-LAG pair": domain, shared
 * system MAC and priority, keys, member counts, rates, STP mode; and what must differ: node
 * IDs and port number halves). The partner sees one LACP
 * system only if both halves advertise the same System ID [802.1AX-2020 6.3.2] and the same
 * key per bundle [6.3.5]; otherwise it would aggregate the two halves separately, or refuse.
 */
public final class ConsistencyCheck {

    private ConsistencyCheck() {
    }

    public static ConsistencyReport compare(Hello local, Hello peer) {
        List<ConsistencyRow> rows = new ArrayList<>();
        global(rows, "domain-id", String.valueOf(local.domainId()), String.valueOf(peer.domainId()));
        global(rows, "system-mac", local.systemMac().toString(), peer.systemMac().toString());
        global(rows, "system-priority", String.valueOf(local.systemPriority()), String.valueOf(peer.systemPriority()));
        global(rows, "stp-mode", local.stpMode().showName, peer.stpMode().showName);
        // The two nodes must be told apart, or no election can order them.
        rows.add(new ConsistencyRow("node-id", OptionalInt.empty(), local.node().toString(), peer.node().toString(),
                !local.node().equals(peer.node())));
        // One System ID for both: the partner tells their ports apart by number only [802.1AX-2020 6.3.4].
        rows.add(new ConsistencyRow("port-numbers", OptionalInt.empty(), PortNumbering.describe(local.portOffset()),
                PortNumbering.describe(peer.portOffset()), local.portOffset() != peer.portOffset()));
        TreeSet<Integer> ids = new TreeSet<>();
        local.bundles().forEach(b -> ids.add(b.mlagId()));
        peer.bundles().forEach(b -> ids.add(b.mlagId()));
        for (int id : ids) {
            BundleProfile l = local.bundle(id);
            BundleProfile p = peer.bundle(id);
            String prefix = "mlag-id " + id + " ";
            OptionalInt scope = OptionalInt.of(id);
            if (l == null || p == null) {
                rows.add(new ConsistencyRow(prefix + "configured", scope, l == null ? "no" : "yes",
                        p == null ? "no" : "yes", false));
                continue;
            }
            bundle(rows, prefix + "key", scope, String.valueOf(l.key()), String.valueOf(p.key()));
            bundle(rows, prefix + "member-count", scope, String.valueOf(l.memberCount()), String.valueOf(p.memberCount()));
            bundle(rows, prefix + "rate", scope, l.rateName(), p.rateName());
        }
        return new ConsistencyReport(rows);
    }

    private static void global(List<ConsistencyRow> rows, String item, String local, String peer) {
        rows.add(new ConsistencyRow(item, OptionalInt.empty(), local, peer, local.equals(peer)));
    }

    private static void bundle(List<ConsistencyRow> rows, String item, OptionalInt scope, String local, String peer) {
        rows.add(new ConsistencyRow(item, scope, local, peer, local.equals(peer)));
    }
}
