package io.twinlink.it.peers;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Baseline with no twinlink involved: two Open vSwitch instances, each in its own namespace,
 * bond two veth pairs with fast-rate active LACP. Proves the harness against a real peer
 * and gives the reference bring-up time twinlink is measured against.
 */
@Tag("ovs")
class OvsToOvsLacpIT {

    private static final List<String> MEMBERS = List.of("p1", "p2");

    @Test
    void twoOvsBondsNegotiateAggregateAndCarryTraffic() {
        String namespaces;
        try (Netns left = Netns.create("ovsl");
             Netns right = Netns.create("ovsr");
             OvsSwitch leftOvs = OvsSwitch.start(left);
             OvsSwitch rightOvs = OvsSwitch.start(right)) {
            namespaces = left.name() + " " + right.name();
            for (String member : MEMBERS) {
                left.veth(member, right, member);
            }
            configure(leftOvs, "198.18.0.1/24");
            configure(rightOvs, "198.18.0.2/24");
            assertThat(leftOvs.bondShow("bond0").enabledMembers()).as("no member enabled while links are down").isEmpty();

            // Left ends up first: no carrier until the right ends follow, and tcpdump needs an up device.
            MEMBERS.forEach(left::linkUp);
            PacketCapture capture = PacketCapture.start(left, "p1",
                    TestRun.current().workDir("ovs-ovs").resolve("p1-lacp.pcap"), "ether", "proto", "0x8809");
            try {
                long linkUp = System.nanoTime();
                MEMBERS.forEach(right::linkUp);
                Awaitility.await("both OVS bonds enable both members")
                        .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> aggregated(leftOvs) && aggregated(rightOvs));
                Figures.record("ovs-ovs.lacp.link-up-to-enabled", Duration.ofNanos(System.nanoTime() - linkUp));
            } finally {
                capture.close();
            }

            OvsLacpStatus leftLacp = leftOvs.lacpShow("bond0");
            OvsLacpStatus rightLacp = rightOvs.lacpShow("bond0");
            assertNegotiatedWith(leftLacp, rightLacp.systemId());
            assertNegotiatedWith(rightLacp, leftLacp.systemId());
            assertThat(leftOvs.bondShow("bond0").negotiated()).isTrue();

            assertThat(left.ping("198.18.0.2", 3, Duration.ofSeconds(2))).as("ping across the bonds").isTrue();

            // OVS's LACPDUs, both directions, as Wireshark reads them: clean, from both systems.
            Path pcap = capture.file();
            Tshark.Dissection dissection = Tshark.dissect(pcap);
            assertThat(dissection.frames()).isPositive();
            assertThat(dissection.clean()).as("tshark problems: %s", dissection.problems()).isTrue();
            assertThat(Tshark.fields(pcap, "lacp", "lacp.actor.sysid")).extracting(row -> row.get(0))
                    .contains(leftLacp.systemId(), rightLacp.systemId());
        }
        assertThat(Command.of("ip", "netns", "list").check().stdout()).as("namespaces removed")
                .doesNotContain(namespaces.split(" "));
    }

    private static boolean aggregated(OvsSwitch ovs) {
        return ovs.bondShow("bond0").enabledMembers().equals(MEMBERS) && ovs.lacpShow("bond0").allMembersCurrentAttached();
    }

    private static void configure(OvsSwitch ovs, String cidr) {
        ovs.addBridge("br0");
        ovs.addBond("br0", "bond0", MEMBERS, LacpActivity.ACTIVE, LacpRate.FAST);
        ovs.addAddress("br0", cidr);
    }

    private static void assertNegotiatedWith(OvsLacpStatus status, String partnerSystemId) {
        assertThat(status.negotiated()).as("%s negotiated", status.bond()).isTrue();
        assertThat(status.lacpTime()).isEqualTo("fast");
        assertThat(status.members()).extracting(OvsLacpStatus.Member::name).containsExactlyElementsOf(MEMBERS);
        for (OvsLacpStatus.Member member : status.members()) {
            assertThat(member.currentAttached()).as("%s current attached", member.name()).isTrue();
            assertThat(member.mayEnable()).as("%s may_enable", member.name()).isTrue();
            assertThat(member.partnerSystemId()).isEqualTo(partnerSystemId);
            assertThat(member.actorState()).contains("synchronized", "collecting", "distributing");
            assertThat(member.partnerState()).contains("synchronized", "collecting", "distributing");
        }
    }
}
