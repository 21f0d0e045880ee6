package io.twinlink.it.lacp;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.it.harness.CapturedLacpdu;
import io.twinlink.it.harness.Command;
import io.twinlink.it.harness.Figures;
import io.twinlink.it.harness.LacpActivity;
import io.twinlink.it.harness.LacpRate;
import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.OvsLacpStatus;
import io.twinlink.it.harness.OvsSwitch;
import io.twinlink.it.harness.PacketCapture;
import io.twinlink.it.harness.TestRun;
import io.twinlink.it.harness.Tshark;
import io.twinlink.it.harness.TwinlinkAgent;
import io.twinlink.it.harness.TwinlinkConfig;
import io.twinlink.it.harness.TwinlinkLacpStatus;
import io.twinlink.it.harness.UdpFlow;
import io.twinlink.it.harness.UdpStream;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * twinlink (tc data plane) against a real Open vSwitch LACP bond, each in its own namespace,
 * one veth pair per member: the switch is always active, twinlink active or passive, fast or
 * slow rate, 2 or 4 members. Checks both sides' own views of the aggregation, traffic through
 * it both ways (ping and a UDP stream), a member cut while the stream runs, a graceful stop,
 * and that Wireshark's dissector finds nothing wrong in what either side sent.
 */
@Tag("ovs")
@Tag("twinlink")
class TwinlinkToOvsLacpIT {

    private static final String TWINLINK_IP = "198.18.10.1";
    private static final String OVS_IP = "198.18.10.2";
    private static final String SYSTEM_MAC = "02:00:00:00:10:01";
    private static final int KEY = 10;
    private static final Duration UDP_INTERVAL = Duration.ofMillis(1);
    /** Traffic lost while a member is cut: DESIGN targets 50 ms for twinlink; this bound only catches a broken failover. */
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(1);

    /** @param aggregateWait seconds, or negative for twinlink's default (2 s, the standard's Aggregate_Wait_Time) */
    record Scenario(int members, LacpActivity twinlinkMode, LacpRate rate, double aggregateWait) {

        Scenario(int members, LacpActivity twinlinkMode, LacpRate rate) {
            this(members, twinlinkMode, rate, -1);
        }

        String id() {
            return members + "-members." + word(twinlinkMode) + "." + word(rate)
                    + (aggregateWait < 0 ? "" : ".aggregate-wait-" + (int) aggregateWait);
        }

        TwinlinkConfig config(List<String> ours) {
            TwinlinkConfig config = TwinlinkConfig.tc(SYSTEM_MAC, new TwinlinkConfig.Bundle("bond0", KEY, twinlinkMode, rate, ours));
            return aggregateWait < 0 ? config : config.aggregateWait(aggregateWait);
        }

        /** Slow rate: LACPDUs every 30 s once settled, so anything waiting on a periodic one takes longer. */
        Duration limit() {
            return rate == LacpRate.FAST ? Duration.ofSeconds(30) : Duration.ofSeconds(90);
        }

        @Override
        public String toString() {
            return members + " members, twinlink " + word(twinlinkMode) + ", OVS active, " + word(rate) + " rate"
                    + (aggregateWait < 0 ? "" : ", aggregate-wait " + aggregateWait + " s");
        }

        private static String word(Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT);
        }
    }

    static Stream<Scenario> scenarios() {
        return Stream.of(
                new Scenario(2, LacpActivity.ACTIVE, LacpRate.FAST),
                new Scenario(2, LacpActivity.PASSIVE, LacpRate.FAST),
                new Scenario(4, LacpActivity.ACTIVE, LacpRate.FAST),
                new Scenario(4, LacpActivity.PASSIVE, LacpRate.SLOW),
                // OVS does not wait for the aggregate to settle: the like-for-like comparison with OVS<->OVS
                new Scenario(2, LacpActivity.ACTIVE, LacpRate.FAST, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void aggregatesCarriesTrafficBothWaysAndSurvivesAMemberCut(Scenario scenario) {
        List<String> ours = IntStream.rangeClosed(1, scenario.members()).mapToObj(i -> "a" + i).toList();
        List<String> theirs = IntStream.rangeClosed(1, scenario.members()).mapToObj(i -> "p" + i).toList();
        String namespaces;
        try (Netns tl = Netns.create("tl");
             Netns sw = Netns.create("ovs");
             OvsSwitch ovs = OvsSwitch.start(sw)) {
            namespaces = tl.name() + " " + sw.name();
            for (int i = 0; i < ours.size(); i++) {
                tl.veth(ours.get(i), sw, theirs.get(i));
                // OVS's userspace datapath reads its ports with AF_PACKET and never completes a
                // checksum a veth left to "hardware" (CHECKSUM_PARTIAL): every UDP datagram from
                // twinlink's side would count as UdpInCsumErrors there. A real NIC computes it;
                // with tx checksum offload off the kernel does, before the frame leaves the member.
                tl.exec("ethtool", "-K", ours.get(i), "tx", "off");
            }
            ovs.addBridge("br0");
            // balance-tcp: OVS spreads its flows too, so both data planes collect on several members
            ovs.addBond("br0", "bond0", theirs, LacpActivity.ACTIVE, scenario.rate(), "bond_mode=balance-tcp");
            ovs.addAddress("br0", OVS_IP + "/24");
            String ovsSystem = ovs.lacpShow("bond0").systemId();

            TwinlinkConfig config = scenario.config(ours);
            Path work = TestRun.current().workDir("twinlink-ovs-" + scenario.id());
            try (TwinlinkAgent agent = TwinlinkAgent.start(tl, config)) {
                tl.addAddress("bond0", TWINLINK_IP + "/24");
                // the agent brings its members up itself; no carrier until the switch's ends follow
                assertThat(ours).allSatisfy(m -> assertThat(tl.link(m).isUp()).as("%s up", m).isTrue());
                assertThat(agent.lacp().aggregator("bond0").members()).noneMatch(TwinlinkLacpStatus.Member::collectingDistributing);

                PacketCapture wire = PacketCapture.start(tl, ours.get(0), work.resolve("wire-" + ours.get(0) + ".pcap"),
                        "ether", "proto", "0x8809");
                try {
                    long linkUp = System.nanoTime();
                    theirs.forEach(sw::linkUp);
                    Awaitility.await("twinlink and OVS both collecting/distributing on every member")
                            .atMost(scenario.limit()).pollInterval(Duration.ofMillis(20))
                            .until(() -> ovsAggregated(ovs, theirs) && agent.allCollectingDistributing());
                    Figures.record("twinlink-ovs.lacp." + scenario.id() + ".link-up-to-collecting-distributing",
                            Duration.ofNanos(System.nanoTime() - linkUp));

                    // Each side is in by now; the LACPDU telling the other so may still be on its way.
                    Awaitility.await("each side has heard the other collecting and distributing")
                            .atMost(scenario.limit()).pollInterval(Duration.ofMillis(20))
                            .until(() -> heardCollectingDistributing(ovs, agent));
                    assertOvsAggregatedWithTwinlink(ovs.lacpShow("bond0"), theirs, scenario);
                    assertThat(ovs.bondShow("bond0").negotiated()).isTrue();
                    assertTwinlinkAggregatedWithOvs(agent.showLacp(), ours, ovsSystem, scenario);
                    assertPorts(agent.showPortsJson(), ours);

                    assertThat(tl.ping(OVS_IP, 3, Duration.ofSeconds(2))).as("ping OVS's br0 through bond0").isTrue();
                    assertThat(sw.ping(TWINLINK_IP, 3, Duration.ofSeconds(2))).as("ping twinlink's bond0 through the OVS bond").isTrue();

                    cutAMemberUnderTraffic(scenario, tl, sw, ovs, agent, ours, theirs);

                    long stop = System.nanoTime();
                    agent.sendSigterm();
                    // The goodbye LACPDU (out of sync) makes OVS drop the members while it still holds
                    // current partner information; an expiry instead would show "expired", and only
                    // after 3 s (fast) or 90 s (slow).
                    Awaitility.await("OVS hears twinlink's goodbye and disables every member")
                            .atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10))
                            .until(() -> goodbyeHeard(ovs.lacpShow("bond0")) && ovs.bondShow("bond0").enabledMembers().isEmpty());
                    System.out.printf("twinlink-ovs %s: SIGTERM -> OVS members disabled in %d ms%n", scenario.id(),
                            Duration.ofNanos(System.nanoTime() - stop).toMillis());
                    agent.awaitGracefulExit(); // exit 0, bond0 and its veth peer removed
                } finally {
                    wire.close();
                }
                assertCleanCapture(agent.capture(), ovsSystem);
                assertCleanCapture(wire.file(), ovsSystem);
                List<CapturedLacpdu> ourWire = CapturedLacpdu.read(wire.file()).stream()
                        .filter(p -> p.actorSystem().equals(SYSTEM_MAC)).toList();
                assertThat(ourWire.get(ourWire.size() - 1).actor(CapturedLacpdu.SYNCHRONIZATION))
                        .as("twinlink's last LACPDU on %s (graceful stop) has synchronization cleared", ours.get(0)).isFalse();
            }
        }
        assertThat(Command.of("ip", "netns", "list").check().stdout()).as("namespaces removed")
                .doesNotContain(namespaces.split(" "));
    }

    /**
     * Runs a UDP stream both ways, cuts (on the switch's side) the member that carries the
     * twinlink -> OVS flow, checks both sides take it out while the stream keeps flowing, and
     * measures the outage; then restores the member.
     */
    private static void cutAMemberUnderTraffic(Scenario scenario, Netns tl, Netns sw, OvsSwitch ovs, TwinlinkAgent agent,
                                               List<String> ours, List<String> theirs) {
        UdpStream stream = UdpStream.start("twinlink-ovs-" + scenario.id(),
                new UdpStream.End(tl, TWINLINK_IP), new UdpStream.End(sw, OVS_IP), 5001, UDP_INTERVAL);
        long cut;
        String cutMember;
        String cutPeer;
        try {
            stream.awaitFlowing(0, 300, Duration.ofSeconds(20));
            cutMember = memberCarryingTheFlow(tl, ours);
            cutPeer = theirs.get(ours.indexOf(cutMember));

            cut = System.nanoTime();
            sw.linkDown(cutPeer);
            // polled gently: the figure is the stream's gap, and every poll starts ovs-appctl twice
            Awaitility.await(cutMember + "/" + cutPeer + " out on both sides")
                    .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !ovs.bondShow("bond0").enabledMembers().contains(cutPeer)
                            && !agent.lacp().aggregator("bond0").member(cutMember).collectingDistributing());
            System.out.printf("twinlink-ovs %s: %s cut -> out on both sides in %d ms%n", scenario.id(), cutPeer,
                    Duration.ofNanos(System.nanoTime() - cut).toMillis());
            // traffic keeps flowing over the members left
            stream.awaitFlowing(cut, 1000, Duration.ofSeconds(20));
        } finally {
            stream.close();
        }

        OvsLacpStatus lacp = ovs.lacpShow("bond0");
        assertThat(lacp.member(cutPeer).currentAttached()).as("OVS: %s no longer current attached", cutPeer).isFalse();
        TwinlinkLacpStatus.Aggregator ourView = agent.showLacp().aggregator("bond0");
        assertThat(ourView.member(cutMember).mux()).as("twinlink: %s out", cutMember)
                .isNotEqualTo(TwinlinkLacpStatus.COLLECTING_DISTRIBUTING);
        assertThat(ourView.members()).filteredOn(m -> !m.port().equals(cutMember))
                .allMatch(TwinlinkLacpStatus.Member::collectingDistributing);
        assertThat(ovs.bondShow("bond0").enabledMembers()).containsExactlyElementsOf(
                theirs.stream().filter(p -> !p.equals(cutPeer)).toList());

        UdpFlow out = stream.aToB();
        UdpFlow in = stream.bToA();
        Duration outGap = gap(out, cut);
        Duration inGap = gap(in, cut);
        System.out.printf("twinlink-ovs %s: %s; longest gap after the cut %d ms%n", scenario.id(), out, outGap.toMillis());
        System.out.printf("twinlink-ovs %s: %s; longest gap after the cut %d ms%n", scenario.id(), in, inGap.toMillis());
        Figures.record("twinlink-ovs.failover." + scenario.id() + ".twinlink-to-ovs-gap", outGap);
        Figures.record("twinlink-ovs.failover." + scenario.id() + ".ovs-to-twinlink-gap", inGap);
        assertThat(outGap).as("twinlink -> OVS outage when %s was cut", cutMember).isLessThan(FAILOVER_BOUND);
        assertThat(inGap).as("OVS -> twinlink outage when %s was cut", cutPeer).isLessThan(FAILOVER_BOUND);

        // and back: the member rejoins on both sides
        sw.linkUp(cutPeer);
        Awaitility.await(cutMember + "/" + cutPeer + " back in on both sides")
                .atMost(scenario.limit()).pollInterval(Duration.ofMillis(20))
                .until(() -> ovsAggregated(ovs, theirs) && agent.allCollectingDistributing());
        assertThat(tl.ping(OVS_IP, 2, Duration.ofSeconds(2))).as("ping after the member came back").isTrue();
    }

    /** The member whose transmit counter grows fastest while the stream runs: the one twinlink hashed the flow onto. */
    private static String memberCarryingTheFlow(Netns tl, List<String> ours) {
        Map<String, Long> before = new HashMap<>();
        ours.forEach(m -> before.put(m, tl.txPackets(m)));
        List<String> busiest = new ArrayList<>();
        Awaitility.await("one member carrying 200 datagrams").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    for (String m : ours) {
                        if (tl.txPackets(m) - before.get(m) >= 200) {
                            busiest.add(m);
                            return true;
                        }
                    }
                    return false;
                });
        return busiest.get(0);
    }

    private static Duration gap(UdpFlow flow, long cut) {
        return flow.longestGapAfter(cut).map(UdpFlow.Gap::duration).orElse(Duration.ZERO);
    }

    private static boolean heardCollectingDistributing(OvsSwitch ovs, TwinlinkAgent agent) {
        return ovs.lacpShow("bond0").members().stream()
                        .allMatch(m -> m.partnerState().containsAll(List.of("collecting", "distributing")))
                && agent.lacp().aggregator("bond0").members().stream()
                        .allMatch(m -> m.partner().stateFlags().containsAll(List.of("collecting", "distributing")));
    }

    /** Every member's partner information current, and the partner (twinlink) out of sync. */
    private static boolean goodbyeHeard(OvsLacpStatus status) {
        return status.members().stream()
                .allMatch(m -> m.receiveState().equals("current") && !m.partnerState().contains("synchronized"));
    }

    private static boolean ovsAggregated(OvsSwitch ovs, List<String> members) {
        return ovs.bondShow("bond0").enabledMembers().equals(members) && ovs.lacpShow("bond0").allMembersCurrentAttached();
    }

    private static void assertOvsAggregatedWithTwinlink(OvsLacpStatus status, List<String> members, Scenario scenario) {
        assertThat(status.negotiated()).as("OVS lacp/show: negotiated").isTrue();
        assertThat(status.lacpTime()).isEqualTo(scenario.rate() == LacpRate.FAST ? "fast" : "slow");
        assertThat(status.members()).extracting(OvsLacpStatus.Member::name).containsExactlyElementsOf(members);
        for (OvsLacpStatus.Member member : status.members()) {
            assertThat(member.currentAttached()).as("OVS: %s current attached", member.name()).isTrue();
            assertThat(member.partnerSystemId()).as("OVS: %s partner sys_id", member.name()).isEqualTo(SYSTEM_MAC);
            assertThat(member.partnerKey()).isEqualTo(KEY);
            assertThat(member.partnerState()).contains("aggregation", "synchronized", "collecting", "distributing");
            assertThat(member.partnerState().contains("activity")).as("twinlink's activity bit as OVS sees it")
                    .isEqualTo(scenario.twinlinkMode() == LacpActivity.ACTIVE);
            assertThat(member.partnerState().contains("timeout")).as("twinlink's timeout bit as OVS sees it")
                    .isEqualTo(scenario.rate() == LacpRate.FAST);
        }
    }

    private static void assertTwinlinkAggregatedWithOvs(TwinlinkLacpStatus status, List<String> members, String ovsSystem,
                                                        Scenario scenario) {
        assertThat(status.systemMac()).isEqualTo(SYSTEM_MAC);
        TwinlinkLacpStatus.Aggregator bond = status.aggregator("bond0");
        assertThat(bond.active()).isTrue();
        assertThat(bond.partnerSystem()).as("twinlink: aggregator's partner").isEqualTo(ovsSystem);
        assertThat(bond.members()).extracting(TwinlinkLacpStatus.Member::port).containsExactlyElementsOf(members);
        for (TwinlinkLacpStatus.Member m : bond.members()) {
            assertThat(m.mux()).as("twinlink: %s mux", m.port()).isEqualTo(TwinlinkLacpStatus.COLLECTING_DISTRIBUTING);
            assertThat(m.selected()).isEqualTo("SELECTED");
            assertThat(m.partner().system()).as("twinlink: %s partner", m.port()).isEqualTo(ovsSystem);
            assertThat(m.actor().system()).isEqualTo(SYSTEM_MAC);
            assertThat(m.actor().key()).isEqualTo(KEY);
            assertThat(m.actor().stateFlags()).contains("aggregation", "synchronization", "collecting", "distributing");
            assertThat(m.actor().stateFlags().contains("activity")).isEqualTo(scenario.twinlinkMode() == LacpActivity.ACTIVE);
            assertThat(m.actor().stateFlags().contains("timeout")).isEqualTo(scenario.rate() == LacpRate.FAST);
            assertThat(m.partner().stateFlags()).contains("activity", "synchronization", "collecting", "distributing");
            assertThat(m.counters().path("lacpduRx").asLong()).isPositive();
            assertThat(m.counters().path("lacpduTx").asLong()).isPositive();
            assertThat(m.counters().path("illegalRx").asLong()).isZero();
        }
    }

    private static void assertPorts(JsonNode ports, List<String> members) {
        List<JsonNode> ours = new ArrayList<>();
        ports.path("ports").forEach(p -> {
            if (members.contains(p.path("name").asText())) {
                ours.add(p);
            }
        });
        assertThat(ours).as("show ports --json: %s", ports).hasSize(members.size());
        assertThat(ours).allSatisfy(p -> {
            assertThat(p.path("carrier").asText()).isEqualTo("up");
            assertThat(p.path("bundle").asText()).isEqualTo("bond0");
            assertThat(p.path("mux").asText()).isEqualTo(TwinlinkLacpStatus.COLLECTING_DISTRIBUTING);
            assertThat(p.path("malformedRx").asLong()).isZero();
        });
    }

    /** tshark finds no malformed frame and no warning, and LACPDUs of both systems are in it. */
    private static void assertCleanCapture(Path pcap, String ovsSystem) {
        Tshark.Dissection dissection = Tshark.dissect(pcap);
        assertThat(dissection.frames()).as("frames in %s", pcap).isPositive();
        assertThat(dissection.malformed()).as("malformed frames in %s", pcap).isEmpty();
        assertThat(dissection.clean()).as("tshark problems in %s: %s", pcap, dissection.problems()).isTrue();
        assertThat(CapturedLacpdu.read(pcap)).extracting(CapturedLacpdu::actorSystem).as("LACPDU senders in %s", pcap)
                .contains(SYSTEM_MAC, ovsSystem);
    }
}
