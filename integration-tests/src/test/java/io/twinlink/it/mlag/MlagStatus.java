package io.twinlink.it.mlag;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code twinlink show mlag --json} read field by field as DESIGN.md names them, so that a
 * renamed or missing field fails the test that reads it (a missing one reads as empty).
 */
record MlagStatus(int domainId, String role, String systemMac, String advertisedSystem, String pairState,
                  String peerState, long lastHeartbeatMs, String backupState, List<Bundle> bundles,
                  List<Consistency> consistency) {

    record Bundle(int mlagId, String name, String local, String peer, boolean protodown, String reason) {

        boolean upOnBoth() {
            return local.equals("up") && peer.equals("up") && !protodown;
        }
    }

    record Consistency(String item, String local, String peer, boolean ok) {
    }

    static MlagStatus fromJson(JsonNode node) {
        List<Bundle> bundles = new ArrayList<>();
        node.path("bundles").forEach(b -> bundles.add(new Bundle(b.path("mlagId").asInt(), b.path("name").asText(),
                b.path("local").asText(), b.path("peer").asText(), b.path("protodown").asBoolean(),
                b.path("reason").asText())));
        List<Consistency> rows = new ArrayList<>();
        node.path("consistency").forEach(c -> rows.add(new Consistency(c.path("item").asText(),
                c.path("local").asText(), c.path("peer").asText(), c.path("ok").asBoolean())));
        return new MlagStatus(node.path("domainId").asInt(), node.path("role").asText(), node.path("systemMac").asText(),
                node.path("advertisedSystem").asText(), node.path("pairState").asText(),
                node.path("peer").path("state").asText(), node.path("peer").path("lastHeartbeatMs").asLong(-1),
                node.path("backup").path("state").asText(), bundles, rows);
    }

    Bundle bundle(int mlagId) {
        return bundles.stream().filter(b -> b.mlagId == mlagId).findFirst()
                .orElseThrow(() -> new AssertionError("no bundle with mlag-id " + mlagId + " in " + bundles));
    }

    Consistency row(String item) {
        return consistency.stream().filter(c -> c.item.equals(item)).findFirst()
                .orElseThrow(() -> new AssertionError("no consistency row " + item + " in " + consistency));
    }

    /** Paired, and every consistency row agrees. */
    boolean pairedAndConsistent() {
        return pairState.equals("paired") && !consistency.isEmpty() && consistency.stream().allMatch(Consistency::ok);
    }
}
