package io.twinlink.it.stp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinlink.agent.control.StpSnapshot;
import io.twinlink.it.harness.Netns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * BPDU guard and root guard acting on BPDUs from a real bridge, the kernel's 802.1D one: the
 * port leaves service (the Linux bridge stops forwarding on it), {@code show stp} names the
 * guard, and the agent logs it.
 */
@Tag("stp")
class StpGuardIT {

    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    void bpduGuardTakesAnEdgePortOutOfServiceWhenABpduArrivesAndKeepsItOut() {
        try (Netns hostSide = Netns.create("gbt"); Netns intruder = Netns.create("gbk")) {
            hostSide.veth("e1", intruder, "k1");
            try (TwinlinkBridge twinlink = TwinlinkBridge.create(hostSide, 32768, "02:00:00:00:0e:00",
                    StpTimers.SHORT, List.of("mode: rstp"), Map.of("e1", "{edge: true, bpdu-guard: true}"))) {
                // A host on the port: no BPDUs, so the edge port forwards at once [802.1D-2004 17.29.3].
                intruder.linkUp("k1");
                Awaitility.await("e1 forwarding as an edge port").atMost(LIMIT).pollInterval(Duration.ofMillis(50))
                        .until(() -> {
                            StpSnapshot.Port e1 = e1(twinlink);
                            return e1.edge() && e1.state().equals("forwarding") && e1.guard() == null
                                    && twinlink.dataplaneStates().get("e1") == PortState.FORWARDING;
                        });

                // Someone plugs a bridge in: its Configuration BPDUs arrive on the edge port.
                KernelStpBridge.create(intruder, 4096, "02:00:00:00:0f:00", StpTimers.SHORT, List.of("k1"));
                Awaitility.await("BPDU guard on e1").atMost(LIMIT).pollInterval(Duration.ofMillis(50))
                        .until(() -> "bpdu-guard".equals(e1(twinlink).guard()));
                JsonNode json = twinlink.agent().showStpJson();
                JsonNode e1 = ShowStpJson.port(json, "e1");
                assertThat(e1.path("guard").asText()).isEqualTo("bpdu-guard");
                assertThat(e1.path("state").asText()).isEqualTo("discarding");
                assertThat(e1.path("counters").path("bpduGuardActions").asLong()).isEqualTo(1);
                assertThat(e1.path("counters").path("configRx").asLong()).as("Configuration BPDUs heard").isPositive();
                // The intruder's better priority was not taken: the port heard nothing.
                assertThat(json.path("rootPort").isNull()).as("rootPort of %s", json).isTrue();
                assertThat(twinlink.dataplaneStates()).containsEntry("e1", PortState.DISCARDING);
                assertThat(log(twinlink.agent())).contains("stp port=e1 bpdu-guard blocked the port");

                // It stays out while the BPDUs keep coming: only an operator puts it back.
                Awaitility.await("e1 held by BPDU guard").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .pollInterval(Duration.ofMillis(200))
                        .until(() -> "bpdu-guard".equals(e1(twinlink).guard())
                                && twinlink.dataplaneStates().get("e1") == PortState.DISCARDING);
            }
        }
    }

    /**
     * r1 (root guard) faces a bridge with a better priority: the port is kept out of the Root
     * Port role and discarding ("root-inconsistent"), so twinlink stays the root for the bridge
     * behind d1. Once that bridge's priority falls behind, the guard lets go by itself.
     */
    @Test
    void rootGuardRefusesASuperiorBridgeAndReleasesWhenItsClaimGoes() {
        try (Netns twinlinkNs = Netns.create("grt"); Netns superiorNs = Netns.create("grs");
             Netns downstreamNs = Netns.create("grd")) {
            twinlinkNs.veth("r1", superiorNs, "s1");
            twinlinkNs.veth("d1", downstreamNs, "x1");
            KernelStpBridge superior = KernelStpBridge.create(superiorNs, 4096, "02:00:00:00:05:00", StpTimers.SHORT,
                    List.of("s1"));
            KernelStpBridge downstream = KernelStpBridge.create(downstreamNs, 61440, "02:00:00:00:0d:00",
                    StpTimers.SHORT, List.of("x1"));
            try (TwinlinkBridge twinlink = TwinlinkBridge.create(twinlinkNs, 32768, "02:00:00:00:07:00",
                    StpTimers.SHORT, List.of("mode: rstp", "path-cost: short"),
                    Map.of("r1", "{root-guard: true}", "d1", "{}"))) {
                BridgeIdentifier self = BridgeIdentifier.of(twinlink.snapshot().bridgeId());
                Awaitility.await("root guard on r1, d1 forwarding").atMost(LIMIT).pollInterval(Duration.ofMillis(50))
                        .until(() -> {
                            StpSnapshot s = twinlink.snapshot();
                            StpSnapshot.Port r1 = port(s, "r1");
                            return "root-inconsistent".equals(r1.guard()) && port(s, "d1").state().equals("forwarding");
                        });
                JsonNode json = twinlink.agent().showStpJson();
                assertThat(ShowStpJson.identifier(json.path("rootId"))).isEqualTo(self);
                assertThat(json.path("rootPort").isNull()).isTrue();
                JsonNode r1 = ShowStpJson.port(json, "r1");
                assertThat(List.of(r1.path("role").asText(), r1.path("state").asText(), r1.path("guard").asText()))
                        .containsExactly("alternate", "discarding", "root-inconsistent");
                assertThat(r1.path("counters").path("rootGuardActions").asLong()).isEqualTo(1);
                assertThat(twinlink.dataplaneStates()).containsEntry("r1", PortState.DISCARDING)
                        .containsEntry("d1", PortState.FORWARDING);
                // An 802.1D bridge keeps what it heard until Max Age runs out, so the downstream
                // bridge comes round to us within its own timers, not at once.
                Awaitility.await("the bridge behind d1 takes us as root").atMost(LIMIT)
                        .pollInterval(Duration.ofMillis(100))
                        .untilAsserted(() -> assertThat(downstream.status().rootId())
                                .as("root of the bridge behind d1").isEqualTo(self));
                assertThat(superior.status().isRoot()).isTrue();
                assertThat(log(twinlink.agent())).contains("stp port=r1 root-inconsistent blocked the port");

                // The superior bridge becomes the worst of all: nothing is left to refuse.
                superior.setPriority(61440);
                Awaitility.await("r1 released and forwarding").atMost(LIMIT).pollInterval(Duration.ofMillis(50))
                        .until(() -> {
                            StpSnapshot.Port p = port(twinlink.snapshot(), "r1");
                            return p.guard() == null && p.role().equals("designated") && p.state().equals("forwarding")
                                    && twinlink.dataplaneStates().get("r1") == PortState.FORWARDING;
                        });
                assertThat(superior.status().rootId()).isEqualTo(self);
                assertThat(log(twinlink.agent())).contains("stp port=r1 root-inconsistent released");
                assertThat(port(twinlink.snapshot(), "r1").counters().rootGuardActions()).isEqualTo(1);
            }
        }
    }

    private static StpSnapshot.Port e1(TwinlinkBridge twinlink) {
        return port(twinlink.snapshot(), "e1");
    }

    private static StpSnapshot.Port port(StpSnapshot s, String name) {
        return s.ports().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no port " + name + " in " + s));
    }

    private static String log(StpAgent agent) {
        try {
            return Files.readString(agent.log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
