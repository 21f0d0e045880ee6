package io.twinlink.it.mlag;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.it.harness.Figures;
import io.twinlink.it.harness.OvsLacpStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * sw1 fails while a 1000 datagrams/s stream from the server to the upstream host runs on a
 * flow that the server's OVS bond sends to sw1: traffic must go on through sw2. Measured: the
 * longest outage of the stream (from the datagrams' own send times, so 1 ms resolution), the
 * time until the flow runs through sw2, and the time until sw2 declares itself standalone.
 */
@Tag("ovs")
@Tag("mlag")
class MlagFailoverIT {

    private static final Duration OUTAGE_TARGET = Duration.ofMillis(500);
    /** Fast-rate LACP: OVS expires a silent partner after 3 s; then it moves the member's flows. */
    private static final Duration MOVE_LIMIT = Duration.ofSeconds(15);
    private static final int RATE = 1000;

    /**
     * kill -9 of sw1's agent. What the server sees: sw1's LACPDUs stop, but nothing else
     * changes: the kernel objects the agent set up (the aggregate, its tc filters, the member
     * admin up, the bridge) outlive the process, so sw1 goes on forwarding the flow until OVS
     * expires the silent partner (3 s at the fast rate) and moves the flow to p2 (sw2).
     */
    @Test
    void agentKilledWithSigkillTrafficContinuesThroughSw2() {
        try (MlagTestbed bed = MlagTestbed.start(MlagTestbed.Options.ovs())) {
            bed.awaitServing();
            int port = OvsFlows.flowVia(bed, "p1");
            try (SequenceStream stream = SequenceStream.between("kill9", bed.server(), MlagTestbed.SERVER_IP,
                    bed.upstream(), MlagTestbed.UPSTREAM_IP).flows(port, 1).start()) {
                stream.awaitDelivered(0, 500, Duration.ofSeconds(10));
                LinkCounters sw2Before = bed.sw2().memberCounters();

                long killed = System.nanoTime();
                bed.sw1().agent().kill9();
                Duration standalone = awaitStandalone(bed, killed);
                Duration moved = awaitFlowThroughSw2(bed, sw2Before, killed);
                stream.awaitDelivered(System.nanoTime(), 300, Duration.ofSeconds(10));
                stream.stopSending();
                StreamReport report = stream.report();
                System.out.println("kill -9 of sw1's agent: " + report + "; sw2 standalone after " + standalone.toMillis()
                        + " ms; flow through sw2 after " + moved.toMillis() + " ms");

                Figures.record("mlag.kill9.outage", report.outage());
                Figures.record("mlag.kill9.survivor-standalone", standalone);
                Figures.record("mlag.kill9.flow-through-sw2", moved);
                assertThat(report.outage()).as("longest outage: %s", report).isLessThanOrEqualTo(OUTAGE_TARGET);
                assertThat(report.duplicates()).as("duplicates: %s", report).isZero();
                assertSurvivorServes(bed);
            }
        }
    }

    /**
     * Every link of sw1 goes down at once (member, uplink, peer-link, backup), as a switch that
     * loses power looks from outside while its agent lives on: the server loses carrier on p1
     * and moves the flow at once; sw2 hears nothing on either path and serves alone.
     */
    @Test
    void sw1LosesAllItsLinksTrafficMovesToSw2() {
        try (MlagTestbed bed = MlagTestbed.start(MlagTestbed.Options.ovs())) {
            bed.awaitServing();
            int port = OvsFlows.flowVia(bed, "p1");
            try (SequenceStream stream = SequenceStream.between("links-down", bed.server(), MlagTestbed.SERVER_IP,
                    bed.upstream(), MlagTestbed.UPSTREAM_IP).flows(port, 1).start()) {
                stream.awaitDelivered(0, 500, Duration.ofSeconds(10));
                LinkCounters sw2Before = bed.sw2().memberCounters();

                long cut = System.nanoTime();
                MlagTestbed.setLinks(bed.sw1().netns(), "down", MlagTestbed.MEMBER, MlagTestbed.UPLINK,
                        MlagTestbed.PEER_LINK, MlagTestbed.BACKUP);
                Duration moved = awaitFlowThroughSw2(bed, sw2Before, cut);
                Duration standalone = awaitStandalone(bed, cut);
                stream.awaitDelivered(System.nanoTime(), 300, Duration.ofSeconds(10));
                stream.stopSending();
                StreamReport report = stream.report();
                System.out.println("sw1's links down: " + report + "; sw2 standalone after " + standalone.toMillis()
                        + " ms; flow through sw2 after " + moved.toMillis() + " ms");

                Figures.record("mlag.links-down.outage", report.outage());
                Figures.record("mlag.links-down.survivor-standalone", standalone);
                Figures.record("mlag.links-down.flow-through-sw2", moved);
                assertThat(report.outage()).as("longest outage: %s", report).isLessThanOrEqualTo(OUTAGE_TARGET);
                assertThat(report.duplicates()).as("duplicates: %s", report).isZero();
                assertSurvivorServes(bed);
            }
        }
    }

    /** Polls sw2's {@code show mlag} until it serves alone; the time since {@code since}. */
    private static Duration awaitStandalone(MlagTestbed bed, long since) {
        return bed.awaitSince(bed.sw2(), since, "standalone", Duration.ofSeconds(10), s -> s.role().equals("standalone"));
    }

    /**
     * Polls the counter of sw2's member until the flow clearly runs through it; the time since
     * {@code since} at which it started to, estimated from how many datagrams had already
     * passed when the poll saw them (one per millisecond), so the poll interval does not add to
     * the figure. The counter is read by a process (`ip -s -j link`): its moment is taken as the
     * middle of that call, within half the call's time (a few ms to a few tens on a busy machine).
     */
    private static Duration awaitFlowThroughSw2(MlagTestbed bed, LinkCounters before, long since) {
        AtomicLong movedAt = new AtomicLong();
        Awaitility.await("the flow through sw2's member").atMost(MOVE_LIMIT).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    long asked = System.nanoTime();
                    long passed = bed.sw2().memberCounters().minus(before).rxPackets();
                    long read = asked + (System.nanoTime() - asked) / 2;
                    movedAt.set(read - passed * 1_000_000_000L / RATE);
                    return passed >= 50;
                });
        return Duration.ofNanos(Math.max(0, movedAt.get() - since));
    }

    /** sw2 alone: standalone, its half up and not held, the server's bond on p2 with the shared partner. */
    private static void assertSurvivorServes(MlagTestbed bed) {
        MlagStatus sw2 = bed.sw2().mlag();
        assertThat(sw2.role()).isEqualTo("standalone");
        assertThat(sw2.pairState()).isEqualTo("dead");
        assertThat(sw2.advertisedSystem()).isEqualTo(MlagTestbed.SHARED_MAC);
        assertThat(sw2.bundle(MlagTestbed.MLAG_ID).local()).isEqualTo("up");
        assertThat(sw2.bundle(MlagTestbed.MLAG_ID).protodown()).isFalse();
        bed.awaitOvs("p2 alone enabled, partner still the shared system", () -> {
            OvsLacpStatus.Member p2 = bed.ovs().lacpShow("bond0").member("p2");
            return bed.ovsEnabledMembers().equals(List.of("p2")) && p2.currentAttached()
                    && p2.partnerSystemId().equals(MlagTestbed.SHARED_MAC);
        });
    }
}
