package io.twinlink.it.stp;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.it.harness.Figures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * What cutting the A–B link of a {@link Ring} costs: B loses its Root Port and must reach the
 * root through C, unblocking its {@code bc} port. Measured two ways in one go: the echo
 * requests from B to A (one every {@value #PING_MS} ms) that went unanswered, and the time until
 * every remaining port of the ring reports forwarding (polled; its resolution is one poll of
 * all three bridges, tens of milliseconds).
 *
 * @param trafficRestored  from the cut to the first echo reply after the last lost request
 * @param portsSettled     from the cut to the poll that saw every remaining port forwarding
 * @param lostEchoRequests echo requests lost to the cut (one every {@value #PING_MS} ms)
 */
record Reconvergence(Duration trafficRestored, Duration portsSettled, int lostEchoRequests) {

    static final long PING_MS = 5;

    /** Cuts A–B, measures and records both figures under {@code figure}; the link stays cut. */
    static Reconvergence measure(Ring ring, String figure, Duration limit) {
        try (PingTrace ping = PingTrace.start(ring.netns(Ring.Node.B), Ring.Node.A.address,
                Duration.ofMillis(PING_MS))) {
            Instant started = Instant.now();
            Awaitility.await("echo replies from A to B before the cut").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20)).until(() -> ping.answeredSentAfter(started) >= 20);
            Instant cutAt = Instant.now();
            long start = System.nanoTime();
            ring.cut(Ring.AB);
            ring.await("every remaining port forwarding after the cut", limit, List.of(), Ring.AB);
            Duration settled = Duration.ofNanos(System.nanoTime() - start);
            Instant settledAt = Instant.now();
            Awaitility.await("echo replies flowing again after the cut").atMost(limit)
                    .pollInterval(Duration.ofMillis(20)).until(() -> ping.answeredSentAfter(settledAt) >= 20);
            PingTrace.Outage outage = ping.outageAfter(cutAt);
            assertThat(ping.duplicates()).as("duplicated echo replies (a loop) in %s", ping.log()).isZero();
            Figures.record(figure + ".cut-to-traffic-restored", outage.restored());
            Figures.record(figure + ".cut-to-ports-settled", settled);
            System.out.println("FIGURE " + figure + ".echo-requests-lost " + outage.lost() + " (one every " + PING_MS
                    + " ms)");
            return new Reconvergence(outage.restored(), settled, outage.lost());
        }
    }
}
