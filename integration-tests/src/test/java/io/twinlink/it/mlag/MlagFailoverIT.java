package io.twinlink.it.mlag;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.it.harness.Figures;
import java.time.Duration;
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
     * kill -9 of sw1's agent ({@link Sw1Failover.Failure#AGENT_KILLED}): sw1 goes on forwarding
     * the flow until OVS expires the silent partner (3 s at the fast rate) and moves the flow to
     * p2 (sw2).
     */
    @Test
    void agentKilledWithSigkillTrafficContinuesThroughSw2() {
        failsOver(Sw1Failover.Failure.AGENT_KILLED, "kill9", "kill -9 of sw1's agent");
    }

    /**
     * Every link of sw1 goes down at once ({@link Sw1Failover.Failure#LINKS_DOWN}), as a switch
     * that loses power looks from outside while its agent lives on: the server loses carrier on
     * p1 and moves the flow at once; sw2 hears nothing on either path and serves alone.
     */
    @Test
    void sw1LosesAllItsLinksTrafficMovesToSw2() {
        failsOver(Sw1Failover.Failure.LINKS_DOWN, "links-down", "sw1's links down");
    }

    private static void failsOver(Sw1Failover.Failure failure, String figure, String what) {
        try (MlagTestbed bed = MlagTestbed.start(MlagTestbed.Options.ovs())) {
            bed.awaitServing();
            try (Sw1Failover failover = Sw1Failover.streaming(bed, figure, "p1")) {
                LinkCounters sw2Before = bed.sw2().memberCounters();
                long failed = failover.inflict(failure);
                Duration standalone;
                Duration moved;
                // Each measured as soon as it can be: the one expected first is awaited first.
                if (failure == Sw1Failover.Failure.AGENT_KILLED) {
                    standalone = failover.awaitSw2Standalone(failed);
                    moved = awaitFlowThroughSw2(bed, sw2Before, failed);
                } else {
                    moved = awaitFlowThroughSw2(bed, sw2Before, failed);
                    standalone = failover.awaitSw2Standalone(failed);
                }
                StreamReport report = failover.finish().get("p1");
                System.out.println(what + ": " + report + "; sw2 standalone after " + standalone.toMillis()
                        + " ms; flow through sw2 after " + moved.toMillis() + " ms");

                Figures.record("mlag." + figure + ".outage", report.outage());
                Figures.record("mlag." + figure + ".survivor-standalone", standalone);
                Figures.record("mlag." + figure + ".flow-through-sw2", moved);
                assertThat(report.outage()).as("longest outage: %s", report).isLessThanOrEqualTo(OUTAGE_TARGET);
                assertThat(report.duplicates()).as("duplicates: %s", report).isZero();
                failover.assertSurvivorServes();
            }
        }
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
}
