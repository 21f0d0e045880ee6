package io.twinlink.it.stp;

import static io.twinlink.it.stp.ShowStpJson.identifier;
import static io.twinlink.it.stp.ShowStpJson.port;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinlink.it.harness.Figures;
import io.twinlink.it.stp.Ring.Node;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * twinlink between two Open vSwitch bridges running 802.1D-2004 RSTP in a {@link Ring}, and
 * an OVS-only ring of the same shape as the baseline, in one run. The timers are the
 * recommended ones (forward delay 15 s): on point-to-point links RSTP must not need them,
 * the proposal/agreement handshake and the Alternate Port's instant takeover do the work
 * [802.1D-2004 17.29.2, 17.29.3].
 */
@Tag("ovs")
@Tag("stp")
class OvsRstpRingIT {

    private static final Duration CONVERGE_LIMIT = Duration.ofSeconds(60);
    /** Anything timer-driven would take 2 x forward delay = 30 s; rapid transitions take milliseconds. */
    private static final Duration RAPID = Duration.ofSeconds(1);

    /** Every port's role when the ring is whole: A is the root, B's bc the one Alternate Port. */
    private static final Map<String, String> ROLES = Map.of(
            "ab", "designated", "ac", "designated",
            "ba", "root", "bc", "alternate",
            "ca", "root", "cb", "designated");

    @Test
    void twinlinkAndOvsAgreeOnRootAndRolesAndReconvergeRapidly() {
        try (Ring ring = Ring.build("or", RingBridges.ovs(), RingBridges.twinlinkRstp(), RingBridges.ovs())) {
            Duration converged = ring.await("ring converged with twinlink's bc alternate", CONVERGE_LIMIT,
                    List.of("bc"));
            Figures.record("stp.ovs-ring.twinlink.built-to-converged", converged);
            assertRoles(ring);

            JsonNode json = ((TwinlinkBridge) ring.bridge(Node.B)).agent().showStpJson();
            assertThat(identifier(json.path("rootId"))).isEqualTo(ring.bridge(Node.A).status().bridgeId());
            for (String name : List.of("ba", "bc")) {
                JsonNode p = port(json, name);
                assertThat(List.of(p.path("role").asText(), p.path("protocol").asText(),
                        p.path("pointToPoint").asBoolean())).as(name).containsExactly(ROLES.get(name), "rstp", true);
            }
            BroadcastProbe.countPerLink(ring, Node.C, "ovs-ring-twinlink").assertEachLinkCarriedEachOnce();

            Reconvergence cut = Reconvergence.measure(ring, "stp.ovs-ring.twinlink", CONVERGE_LIMIT);
            assertThat(cut.trafficRestored()).as("traffic restored after the cut").isLessThan(RAPID);

            ring.restore(Ring.AB);
            Figures.record("stp.ovs-ring.twinlink.restore-to-converged",
                    ring.await("ring converged again once A-B is back", CONVERGE_LIMIT, List.of("bc")));
            assertRoles(ring);
            BroadcastProbe.countPerLink(ring, Node.A, "ovs-ring-twinlink-mended").assertEachLinkCarriedEachOnce();
        }
    }

    @Test
    void ovsOnlyRingBaseline() {
        try (Ring ring = Ring.build("oo", RingBridges.ovs(), RingBridges.ovs(), RingBridges.ovs())) {
            Duration converged = ring.await("OVS ring converged", CONVERGE_LIMIT, List.of("bc"));
            Figures.record("stp.ovs-ring.ovs-only.built-to-converged", converged);
            assertRoles(ring);
            Reconvergence.measure(ring, "stp.ovs-ring.ovs-only", CONVERGE_LIMIT);
            ring.restore(Ring.AB);
            Figures.record("stp.ovs-ring.ovs-only.restore-to-converged",
                    ring.await("OVS ring converged again", CONVERGE_LIMIT, List.of("bc")));
        }
    }

    /** `ovs-appctl rstp/show` and `twinlink show stp` give each port the role the tree needs. */
    private static void assertRoles(Ring ring) {
        for (Node node : Node.values()) {
            BridgeStatus status = ring.bridge(node).status();
            for (String name : Ring.ports(node)) {
                assertThat(status.port(name).role()).as("role of %s on %s", name, status.bridge())
                        .isEqualTo(ROLES.get(name));
            }
        }
    }
}
