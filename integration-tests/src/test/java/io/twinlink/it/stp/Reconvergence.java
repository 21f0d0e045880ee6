package io.twinlink.it.stp;

import io.twinlink.it.harness.Figures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * What cutting the A–B link of a {@link Ring} costs: B loses its Root Port and must reach the
 * root through C, unblocking its {@code bc} port. Measured two ways in one go: the silence in a
 * stream of echo requests from B to A every {@value #PING_MS} ms, and the time until every
 * remaining port of the ring reports forwarding (polled; its resolution is one poll of all
 * three bridges).
 *
 * @param trafficRestored from the cut to the reply that ended the outage
 * @param portsSettled    from the cut to the poll that saw every remaining port forwarding
 */
record Reconvergence(Duration trafficRestored, Duration portsSettled) {

    static final long PING_MS = 5;

    /** Cuts A–B, measures and records both figures under {@code figure}; the link stays cut. */
    static Reconvergence measure(Ring ring, String figure, Duration limit) {
        Duration interval = Duration.ofMillis(PING_MS);
        try (PingTrace ping = PingTrace.start(ring.netns(Ring.Node.B), Ring.Node.A.address, interval)) {
            Awaitility.await("echo replies from A to B before the cut").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20)).until(() -> ping.replies().size() >= 20);
            Instant cutAt = Instant.now();
            long start = System.nanoTime();
            ring.cut(Ring.AB);
            ring.await("every remaining port forwarding after the cut", limit, List.of(), Ring.AB);
            Duration settled = Duration.ofNanos(System.nanoTime() - start);
            Awaitility.await("echo replies flowing again after the cut").atMost(limit)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> ping.replies().stream().filter(r -> r.isAfter(cutAt.plus(settled))).count() >= 20);
            Duration restored = ping.restoredAfter(cutAt, interval.multipliedBy(4));
            Figures.record(figure + ".cut-to-traffic-restored", restored);
            Figures.record(figure + ".cut-to-ports-settled", settled);
            return new Reconvergence(restored, settled);
        }
    }
}
