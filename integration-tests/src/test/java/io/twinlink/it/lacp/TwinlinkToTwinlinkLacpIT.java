package io.twinlink.it.lacp;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.it.harness.CapturedLacpdu;
import io.twinlink.it.harness.Command;
import io.twinlink.it.harness.Figures;
import io.twinlink.it.harness.LacpActivity;
import io.twinlink.it.harness.LacpRate;
import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.PatchPanel;
import io.twinlink.it.harness.Tshark;
import io.twinlink.it.harness.TwinlinkAgent;
import io.twinlink.it.harness.TwinlinkConfig;
import io.twinlink.it.harness.TwinlinkLacpStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two twinlink agents, each in its own namespace, bundle two veth pairs with fast-rate active
 * LACP. Beyond aggregating and carrying traffic, this is where the timeouts are tested with a
 * partner that can be frozen at will: SIGSTOP makes it fall silent (its members must go out
 * after the short timeout, 3 s [802.1AX-2020 6.4.4, Short_Timeout_Time]), SIGCONT brings it
 * back, and SIGTERM must tell the partner at once.
 */
@Tag("twinlink")
class TwinlinkToTwinlinkLacpIT {

    private static final String LEFT_MAC = "02:00:00:00:20:01";
    private static final String RIGHT_MAC = "02:00:00:00:20:02";
    private static final String LEFT_IP = "198.18.20.1";
    private static final String RIGHT_IP = "198.18.20.2";
    private static final List<String> LEFT_MEMBERS = List.of("l1", "l2");
    private static final List<String> RIGHT_MEMBERS = List.of("r1", "r2");
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Test
    void twoAgentsAggregateTimeOutASilentPartnerAndHearAGracefulStop() {
        String namespaces;
        try (Netns left = Netns.create("tll");
             Netns right = Netns.create("tlr");
             PatchPanel panel = PatchPanel.create()) {
            namespaces = left.name() + " " + right.name();
            for (int i = 0; i < LEFT_MEMBERS.size(); i++) {
                panel.connect(left, LEFT_MEMBERS.get(i), right, RIGHT_MEMBERS.get(i));
            }
            try (TwinlinkAgent leftAgent = TwinlinkAgent.start(left, config(LEFT_MAC, LEFT_MEMBERS));
                 TwinlinkAgent rightAgent = TwinlinkAgent.start(right, config(RIGHT_MAC, RIGHT_MEMBERS))) {
                left.addAddress("bond0", LEFT_IP + "/24");
                right.addAddress("bond0", RIGHT_IP + "/24");
                assertThat(noneCollectingDistributing(leftAgent) && noneCollectingDistributing(rightAgent))
                        .as("nothing aggregated before the cables are plugged").isTrue();

                // Bring-up: both agents fresh, both ends get carrier at the same moment.
                long linkUp = System.nanoTime();
                panel.plugAll();
                awaitBothAggregated(leftAgent, rightAgent, LIMIT);
                Figures.record("twinlink-twinlink.lacp.link-up-to-collecting-distributing",
                        Duration.ofNanos(System.nanoTime() - linkUp));

                // Re-link (cables pulled and plugged again): the partner is the one both remember,
                // so nothing is re-selected and no Aggregate_Wait is spent [802.1AX-2020 6.4.14].
                panel.unplugAll();
                Awaitility.await("members out on both sides once the cables are pulled")
                        .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                        .until(() -> noneCollectingDistributing(leftAgent) && noneCollectingDistributing(rightAgent));
                long relink = System.nanoTime();
                panel.plugAll();
                awaitBothAggregated(leftAgent, rightAgent, LIMIT);
                Figures.record("twinlink-twinlink.lacp.relink-to-collecting-distributing",
                        Duration.ofNanos(System.nanoTime() - relink));

                // both are in; the LACPDUs saying so may still be on their way
                Awaitility.await("each agent has heard the other collecting and distributing")
                        .atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                        .until(() -> partnersAllIn(leftAgent) && partnersAllIn(rightAgent));
                assertAggregatedWith(leftAgent.showLacp(), LEFT_MAC, RIGHT_MAC);
                assertAggregatedWith(rightAgent.showLacp(), RIGHT_MAC, LEFT_MAC);
                assertThat(left.ping(RIGHT_IP, 3, Duration.ofSeconds(2))).as("ping right through both aggregates").isTrue();
                assertThat(right.ping(LEFT_IP, 3, Duration.ofSeconds(2))).as("ping left through both aggregates").isTrue();

                partnerFallsSilentThenComesBack(leftAgent, rightAgent);
                partnerStopsGracefully(leftAgent, rightAgent);
            }
        }
        assertThat(Command.of("ip", "netns", "list").check().stdout()).as("namespaces removed")
                .doesNotContain(namespaces.split(" "));
    }

    /**
     * SIGSTOP the right agent: the left one hears nothing more and must take the members out
     * when current_while_timer expires, 3 s after the last LACPDU (fast rate). The wall-clock
     * check allows for the up to 1 s between that LACPDU and the stop; the figure comes from
     * the left agent's own capture: last LACPDU received -> first LACPDU sent with the member
     * no longer distributing.
     */
    private static void partnerFallsSilentThenComesBack(TwinlinkAgent leftAgent, TwinlinkAgent rightAgent) {
        Instant stopWall = Instant.now();
        long stop = System.nanoTime();
        rightAgent.sigstop();
        Awaitility.await("left takes its members out once right is silent")
                .atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(10))
                .until(() -> noneCollectingDistributing(leftAgent));
        Duration sinceStop = Duration.ofNanos(System.nanoTime() - stop);
        System.out.printf("twinlink-twinlink: SIGSTOP -> partner's members out after %d ms%n", sinceStop.toMillis());
        assertThat(sinceStop).as("SIGSTOP -> members out").isBetween(Duration.ofSeconds(2), Duration.ofMillis(4500));

        TwinlinkLacpStatus.Aggregator silent = leftAgent.lacp().aggregator("bond0");
        assertThat(silent.members()).allSatisfy(m -> {
            assertThat(m.mux()).isNotEqualTo(TwinlinkLacpStatus.COLLECTING_DISTRIBUTING);
            assertThat(m.partner().stateFlags()).doesNotContain("synchronization");
        });

        Duration worst = Duration.ZERO;
        List<CapturedLacpdu> leftCapture = CapturedLacpdu.read(leftAgent.capture());
        for (int port = 1; port <= LEFT_MEMBERS.size(); port++) {
            Duration timeout = silenceToMemberOut(leftCapture, port, stopWall);
            System.out.printf("twinlink-twinlink: port %d: last LACPDU from the silent partner -> member out %d ms%n",
                    port, timeout.toMillis());
            assertThat(timeout).as("port %d: partner silent -> member out", port)
                    .isBetween(Duration.ofMillis(2900), Duration.ofMillis(3500));
            worst = worst.compareTo(timeout) < 0 ? timeout : worst;
        }
        Figures.record("twinlink-twinlink.lacp.partner-silent-to-member-out", worst);

        rightAgent.sigcont();
        awaitBothAggregated(leftAgent, rightAgent, LIMIT);
    }

    /**
     * From the left agent's capture: the first LACPDU it sent on {@code port} after the stop
     * with Distributing cleared (the member out), and the last LACPDU it received for that port
     * before then.
     */
    private static Duration silenceToMemberOut(List<CapturedLacpdu> capture, int port, Instant stopWall) {
        // the capture's timestamps are whole microseconds, the stop time is not: allow for it
        Instant after = stopWall.minusMillis(1);
        CapturedLacpdu out = capture.stream()
                .filter(p -> p.actorSystem().equals(LEFT_MAC) && p.actorPort() == port)
                .filter(p -> p.time().isAfter(after) && !p.actor(CapturedLacpdu.DISTRIBUTING))
                .findFirst()
                .orElseThrow(() -> new AssertionError("left sent no LACPDU on port " + port + " showing the member out"));
        Optional<CapturedLacpdu> lastHeard = capture.stream()
                .filter(p -> p.actorSystem().equals(RIGHT_MAC) && p.partnerPort() == port)
                .filter(p -> p.time().isBefore(out.time()))
                .reduce((first, second) -> second);
        CapturedLacpdu heard = lastHeard.orElseThrow(() -> new AssertionError("left never heard right on port " + port));
        assertThat(out.actor(CapturedLacpdu.EXPIRED)).as("port %d: actor Expired set when the partner timed out", port).isTrue();
        return Duration.between(heard.time(), out.time());
    }

    /**
     * SIGTERM the right agent: its goodbye LACPDU (out of sync) takes the members out on the
     * left at once. Then tshark reads both agents' captures (every LACPDU each sent and
     * received, the goodbye included) without a problem.
     */
    private static void partnerStopsGracefully(TwinlinkAgent leftAgent, TwinlinkAgent rightAgent) {
        long term = System.nanoTime();
        rightAgent.sendSigterm();
        Awaitility.await("left takes its members out when right says goodbye")
                .atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> noneCollectingDistributing(leftAgent));
        Duration goodbye = Duration.ofNanos(System.nanoTime() - term);
        Figures.record("twinlink-twinlink.lacp.sigterm-to-partner-member-out", goodbye);
        assertThat(goodbye).as("SIGTERM -> partner's members out").isLessThan(Duration.ofSeconds(1));
        rightAgent.awaitGracefulExit();

        // within the 3 s the partner information stays current: show lacp tells why the members are out
        TwinlinkLacpStatus.Aggregator bond = leftAgent.showLacp().aggregator("bond0");
        assertThat(bond.members()).allSatisfy(m -> {
            assertThat(m.mux()).isNotEqualTo(TwinlinkLacpStatus.COLLECTING_DISTRIBUTING);
            assertThat(m.partner().stateFlags()).as("%s partner state", m.port())
                    .doesNotContain("synchronization", "collecting", "distributing");
        });
        List<CapturedLacpdu> goodbyes = CapturedLacpdu.read(leftAgent.capture()).stream()
                .filter(p -> p.actorSystem().equals(RIGHT_MAC)).toList();
        CapturedLacpdu last = goodbyes.get(goodbyes.size() - 1);
        assertThat(last.actor(CapturedLacpdu.SYNCHRONIZATION)).as("right's last LACPDU: out of sync").isFalse();

        for (TwinlinkAgent agent : List.of(leftAgent, rightAgent)) {
            Tshark.Dissection dissection = Tshark.dissect(agent.capture());
            assertThat(dissection.frames()).isPositive();
            assertThat(dissection.clean()).as("tshark problems in %s: %s", agent.capture(), dissection.problems()).isTrue();
        }
    }

    private static TwinlinkConfig config(String mac, List<String> members) {
        return TwinlinkConfig.tc(mac, new TwinlinkConfig.Bundle("bond0", 20, LacpActivity.ACTIVE, LacpRate.FAST, members));
    }

    private static void awaitBothAggregated(TwinlinkAgent a, TwinlinkAgent b, Duration limit) {
        Awaitility.await("both agents collecting/distributing on both members")
                .atMost(limit).pollInterval(Duration.ofMillis(20))
                .until(() -> a.allCollectingDistributing() && b.allCollectingDistributing());
    }

    private static boolean partnersAllIn(TwinlinkAgent agent) {
        return agent.lacp().aggregator("bond0").members().stream().allMatch(m -> m.partner().state() == 0x3f);
    }

    private static boolean noneCollectingDistributing(TwinlinkAgent agent) {
        return agent.lacp().aggregator("bond0").members().stream().noneMatch(TwinlinkLacpStatus.Member::collectingDistributing);
    }

    private static void assertAggregatedWith(TwinlinkLacpStatus status, String self, String partner) {
        assertThat(status.systemMac()).isEqualTo(self);
        TwinlinkLacpStatus.Aggregator bond = status.aggregator("bond0");
        assertThat(bond.active()).isTrue();
        assertThat(bond.partnerSystem()).isEqualTo(partner);
        assertThat(bond.members()).hasSize(2).allSatisfy(m -> {
            assertThat(m.mux()).isEqualTo(TwinlinkLacpStatus.COLLECTING_DISTRIBUTING);
            assertThat(m.selected()).isEqualTo("SELECTED");
            assertThat(m.partner().system()).isEqualTo(partner);
            assertThat(m.actor().state()).as("actor state: activity timeout aggregation sync collecting distributing")
                    .isEqualTo(0x3f);
            assertThat(m.partner().state()).isEqualTo(0x3f);
        });
    }
}
