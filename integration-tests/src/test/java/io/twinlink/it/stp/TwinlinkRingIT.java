package io.twinlink.it.stp;

import static io.twinlink.it.stp.ShowStpJson.identifier;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinlink.it.harness.Figures;
import io.twinlink.it.harness.PacketCapture;
import io.twinlink.it.harness.TestRun;
import io.twinlink.it.harness.Tshark;
import io.twinlink.it.stp.Ring.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three twinlink agents in a {@link Ring}, each on its own Linux bridge: the tree, a link
 * failure and its repair, the blocked link failing and coming back, and every BPDU they
 * exchanged, as the agents recorded them and as tcpdump saw them on the wire, read back by
 * tshark and by {@code twinlink decode}.
 */
@Tag("stp")
class TwinlinkRingIT {

    private static final Duration CONVERGE_LIMIT = Duration.ofSeconds(60);
    private static final Duration RAPID = Duration.ofSeconds(1);

    @Test
    void threeAgentsBuildOneTreeReconvergeRapidlyAndEveryBpduDissectsCleanly() {
        List<Path> captures = new ArrayList<>();
        Path wire = TestRun.current().workDir("twinlink-ring").resolve("cb-wire.pcap");
        try (Ring ring = Ring.build("tt", RingBridges.twinlinkRstp(), RingBridges.twinlinkRstp(),
                RingBridges.twinlinkRstp())) {
            for (Node node : Node.values()) {
                captures.add(agent(ring, node).capture());
            }
            try (PacketCapture onWire = PacketCapture.start(ring.netns(Node.C), "cb", wire, "stp")) {
                Duration converged = ring.await("ring converged with B's bc alternate", CONVERGE_LIMIT, List.of("bc"));
                Figures.record("stp.twinlink-ring.built-to-converged", converged);

                List<String> alternates = new ArrayList<>();
                for (Node node : Node.values()) {
                    ring.bridge(node).status().ports().stream().filter(p -> p.role().equals("alternate"))
                            .forEach(p -> alternates.add(node + ":" + p.name()));
                }
                assertThat(alternates).as("Alternate Ports in the ring").containsExactly("B:bc");
                JsonNode json = agent(ring, Node.C).showStpJson();
                assertThat(identifier(json.path("rootId"))).isEqualTo(ring.bridge(Node.A).status().bridgeId());
                assertThat(json.path("rootPort").asText()).isEqualTo("ca");
                BroadcastProbe.countPerLink(ring, Node.C, "twinlink-ring").assertEachLinkCarriedEachOnce();

                Reconvergence cut = Reconvergence.measure(ring, "stp.twinlink-ring", CONVERGE_LIMIT);
                assertThat(cut.trafficRestored()).as("traffic restored after the cut").isLessThan(RAPID);
                ring.restore(Ring.AB);
                Figures.record("stp.twinlink-ring.restore-to-converged",
                        ring.await("ring converged again once A-B is back", CONVERGE_LIMIT, List.of("bc")));

                // The blocked link fails and returns: its ports come back with carrier, which the
                // Linux bridge alone would answer by forwarding on them.
                ring.cut(Ring.BC);
                ring.await("every remaining port forwarding with B-C cut", CONVERGE_LIMIT, List.of(), Ring.BC);
                ring.restore(Ring.BC);
                ring.await("bc blocked again once B-C is back", CONVERGE_LIMIT, List.of("bc"));
                BroadcastProbe.countPerLink(ring, Node.A, "twinlink-ring-mended").assertEachLinkCarriedEachOnce();
            }
        }
        // The agents have stopped: their capture files are complete.
        captures.add(wire);
        for (Path pcap : captures) {
            assertCleanRstpCapture(pcap);
        }
    }

    private static StpAgent agent(Ring ring, Node node) {
        return ((TwinlinkBridge) ring.bridge(node)).agent();
    }

    /**
     * tshark dissects every frame as an RST BPDU without a malformed frame or an expert
     * warning, and {@code twinlink decode} reads the same BPDUs with the same identifiers.
     */
    private static void assertCleanRstpCapture(Path pcap) {
        Tshark.Dissection dissection = Tshark.dissect(pcap);
        assertThat(dissection.frames()).as("frames in %s", pcap).isGreaterThan(10);
        assertThat(dissection.malformed()).as("malformed frames in %s", pcap).isEmpty();
        assertThat(dissection.problems()).as("tshark warnings in %s", pcap).isEmpty();
        List<List<String>> tshark = Tshark.fields(pcap, null, "stp.version", "stp.type", "stp.root.prio",
                "stp.root.ext", "stp.root.hw", "stp.bridge.hw", "stp.root.cost", "stp.port", "stp.flags");
        List<JsonNode> decoded = StpAgent.decode(pcap);
        assertThat(decoded).as("decode lines for %s", pcap).hasSize(tshark.size());
        for (int i = 0; i < decoded.size(); i++) {
            JsonNode d = decoded.get(i);
            List<String> t = tshark.get(i);
            assertThat(d.path("type").asText()).as("frame %d of %s", i + 1, pcap).isEqualTo("rstp");
            assertThat(List.of(t.get(0), t.get(1))).as("tshark version and type, frame %d", i + 1)
                    .containsExactly("2", "0x02");
            assertThat(List.of(
                    d.path("rootId").path("priority").asInt(), d.path("rootId").path("systemIdExtension").asInt(),
                    d.path("rootId").path("mac").asText(), d.path("bridgeId").path("mac").asText(),
                    d.path("rootPathCost").asLong(), d.path("portId").asInt(), d.path("flags").asInt()))
                    .as("frame %d of %s: decode vs tshark", i + 1, pcap)
                    .containsExactly(Integer.decode(t.get(2)), Integer.decode(t.get(3)), t.get(4), t.get(5),
                            Long.decode(t.get(6)), Integer.decode(t.get(7)), Integer.decode(t.get(8)));
        }
    }
}
