package io.twinlink.it.mlag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinlink.it.harness.Command;
import io.twinlink.it.harness.OvsLacpStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pair seen from a dual-homed Open vSwitch bond (lacp active, fast, balance-tcp): one LACP
 * partner on both members, as if both links went to one switch, and traffic between the
 * server and the upstream host over both switches.
 */
@Tag("ovs")
@Tag("mlag")
class MlagOvsServerIT {

    @Test
    void ovsBondAggregatesBothSwitchesAsOnePartnerAndUsesBoth() {
        List<String> namespaces;
        try (MlagTestbed bed = MlagTestbed.start(MlagTestbed.Options.ovs())) {
            namespaces = List.of(bed.server().name(), bed.upstream().name(), bed.sw1().netns().name(),
                    bed.sw2().netns().name());
            bed.awaitServing();

            // The server's own view: one aggregate, one partner system on both members.
            OvsLacpStatus lacp = bed.ovs().lacpShow("bond0");
            assertThat(lacp.negotiated()).isTrue();
            assertThat(lacp.members()).extracting(OvsLacpStatus.Member::name).containsExactlyInAnyOrder("p1", "p2");
            assertThat(lacp.members()).allSatisfy(m -> {
                assertThat(m.currentAttached()).as("%s current attached", m.name()).isTrue();
                assertThat(m.mayEnable()).as("%s may_enable", m.name()).isTrue();
                assertThat(m.partnerSystemId()).as("%s partner system", m.name()).isEqualTo(MlagTestbed.SHARED_MAC);
                assertThat(m.partnerKey()).as("%s partner key", m.name()).isEqualTo(MlagTestbed.KEY);
                assertThat(m.partnerState()).as("%s partner state", m.name())
                        .contains("activity", "timeout", "aggregation", "synchronized", "collecting", "distributing");
            });
            // Non-overlapping port numbers: sw1 (lower peer-link address) from 0, sw2 from 0x8000.
            assertThat(lacp.member("p1").partnerPortId()).isLessThan(0x8000);
            assertThat(lacp.member("p2").partnerPortId()).isGreaterThanOrEqualTo(0x8000);
            assertThat(bed.ovsEnabledMembers()).containsExactlyInAnyOrder("p1", "p2");

            // The switches' view, as an operator asks for it.
            JsonNode sw1 = bed.sw1().agent().showMlagJson();
            JsonNode sw2 = bed.sw2().agent().showMlagJson();
            assertThat(sw1.path("role").asText()).isEqualTo("primary");
            assertThat(sw2.path("role").asText()).isEqualTo("secondary");
            for (JsonNode node : List.of(sw1, sw2)) {
                MlagStatus s = MlagStatus.fromJson(node);
                assertThat(s.domainId()).isEqualTo(1);
                assertThat(s.systemMac()).isEqualTo(MlagTestbed.SHARED_MAC);
                assertThat(s.advertisedSystem()).isEqualTo(MlagTestbed.SHARED_MAC);
                assertThat(s.pairState()).isEqualTo("paired");
                assertThat(s.peerState()).isEqualTo("up");
                assertThat(s.lastHeartbeatMs()).isBetween(0L, 1000L);
                assertThat(s.backupState()).isEqualTo("alive");
                assertThat(s.bundles()).containsExactly(new MlagStatus.Bundle(MlagTestbed.MLAG_ID, MlagTestbed.BUNDLE,
                        "up", "up", false, s.bundle(MlagTestbed.MLAG_ID).reason()));
                assertThat(s.consistency()).extracting(MlagStatus.Consistency::item)
                        .contains("domain-id", "system-mac", "system-priority", "mlag-id 10 key");
                assertThat(s.consistency()).allSatisfy(row -> assertThat(row.ok()).as("%s", row).isTrue());
            }

            // Server to upstream: 16 flows, spread by OVS over both members, through both switches.
            LinkCounters sw1Before = bed.sw1().memberCounters();
            LinkCounters sw2Before = bed.sw2().memberCounters();
            OvsFlows.Spread spread = OvsFlows.spread(bed, 300);
            long viaSw1 = bed.sw1().memberCounters().minus(sw1Before).rxPackets();
            long viaSw2 = bed.sw2().memberCounters().minus(sw2Before).rxPackets();
            System.out.printf("server->upstream: p1 sent %d, p2 sent %d; sw1 received %d, sw2 received %d; %s%n",
                    spread.viaP1(), spread.viaP2(), viaSw1, viaSw2, spread.delivered());
            assertThat(viaSw1).as("datagrams into sw1's member").isGreaterThanOrEqualTo(300);
            assertThat(viaSw2).as("datagrams into sw2's member").isGreaterThanOrEqualTo(300);
            assertThat(spread.delivered().lost()).as("lost: %s", spread.delivered()).isZero();
            assertThat(spread.delivered().duplicates()).as("duplicates: %s", spread.delivered()).isZero();

            // Upstream to server: whichever switch the upstream host picks, it all arrives once.
            LinkCounters sw1Out = bed.sw1().memberCounters();
            LinkCounters sw2Out = bed.sw2().memberCounters();
            try (SequenceStream down = SequenceStream.between("upstream-to-server", bed.upstream(),
                    MlagTestbed.UPSTREAM_IP, bed.server(), MlagTestbed.SERVER_IP)
                    .flows(OvsFlows.FIRST_SOURCE_PORT, OvsFlows.FLOWS).start()) {
                down.awaitDelivered(0, 1000, Duration.ofSeconds(20));
                down.stopSending();
                StreamReport report = down.report();
                System.out.printf("upstream->server: sw1 sent %d, sw2 sent %d toward the server; %s%n",
                        bed.sw1().memberCounters().minus(sw1Out).txPackets(),
                        bed.sw2().memberCounters().minus(sw2Out).txPackets(), report);
                assertThat(report.lost()).as("lost: %s", report).isZero();
                assertThat(report.duplicates()).as("duplicates: %s", report).isZero();
            }
        }
        assertThat(Command.of("ip", "netns", "list").check().stdout()).doesNotContainPattern(String.join("|", namespaces));
    }
}
