package io.twinlink.bench;

import io.twinlink.it.mlag.MlagTestbed;
import io.twinlink.it.mlag.StreamReport;
import io.twinlink.it.mlag.Sw1Failover;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MC-LAG peer death, on the MC-LAG integration tests' testbed ({@link MlagTestbed}): two
 * twinlink agents, sw1 (primary) and sw2, form an MC-LAG pair (peer-link and backup keepalive
 * on their own veths) and both advertise the shared system MAC to a server whose Open vSwitch
 * bonds one link to each (balance-tcp, fast LACP); both bridge to an upstream host. Two UDP
 * streams (1 ms) run from the server to the upstream host, one on a flow the server's bond
 * sends to each switch ({@link Sw1Failover}). Then sw1's agent is killed with SIGKILL, in two ways:
 * <ul>
 *   <li>the agent alone dies: the kernel data plane it set up keeps forwarding (like a switch
 *       ASIC whose control plane crashed), until the server's LACP times the silent member out
 *       at 3 s and moves its flows;</li>
 *   <li>the switch dies: SIGKILL and, at the same moment, carrier loss on its server link (as
 *       when a box loses power).</li>
 * </ul>
 * The figure is the longest outage of either stream; the survivor must keep the shared
 * system ID and its bundle (no protodown, no new LACP negotiation) for it to stay small.
 */
final class MlagPeerDeath implements Benchmark {

    /** Longer than the server's LACP timeout (3 s), so a late move of the dead member's flows is seen. */
    private static final Duration WATCH = Duration.ofSeconds(5);
    /** An outage that began just before the failure (the stream's resolution is 1 ms) still counts. */
    private static final Duration BEFORE = Duration.ofMillis(100);

    @Override
    public String name() {
        return "mlag";
    }

    @Override
    public List<FigureRow> run(BenchOptions options) {
        Samples agentDies = new Samples(Quantity.MILLIS);
        Samples switchDies = new Samples(Quantity.MILLIS);
        for (int rep = 0; rep < options.repetitions(); rep++) {
            agentDies.add(once(rep, Sw1Failover.Failure.AGENT_KILLED));
            switchDies.add(once(rep, Sw1Failover.Failure.SWITCH_DIES));
        }
        String peer = "— (no other MC-LAG implementation here)";
        Target target = Target.atMost(500, Quantity.MILLIS);
        return List.of(
                new FigureRow("MC-LAG peer death", "kill -9 of the primary's agent (its data plane stays)", agentDies,
                        peer, null, target, null, List.of(
                        "Two UDP streams server to host (1 ms), one over each switch; the longest outage of either,"
                                + " watched for 5 s after the kill (past the server's 3 s LACP timeout for the dead"
                                + " agent's member). Fresh namespaces for every repetition.")),
                new FigureRow("MC-LAG peer death", "kill -9 of the primary's agent and carrier loss on its link"
                        + " (switch dies)", switchDies, peer, null, target, null, List.of()));
    }

    /**
     * A fresh testbed each time: after a kill the survivor stays primary (the election is
     * non-preemptive), so on a reused one the next kill would not hit the primary.
     */
    private static double once(int rep, Sw1Failover.Failure failure) {
        String label = failure.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + rep;
        try (MlagTestbed bed = MlagTestbed.start(MlagTestbed.Options.ovs())) {
            bed.awaitServing();
            try (Sw1Failover failover = Sw1Failover.streaming(bed, "mlag-" + label, "p1", "p2")) {
                long failed = failover.inflict(failure);
                BenchmarkRun.log("mlag %s: sw1 failed (%.1f ms to do it)", label, (System.nanoTime() - failed) / 1e6);
                Duration standalone = failover.awaitSw2Standalone(failed);
                BenchmarkRun.log("mlag %s: sw2 standalone after %d ms", label, standalone.toMillis());
                Duration rest = WATCH.minus(Duration.ofNanos(System.nanoTime() - failed));
                if (!rest.isNegative()) {
                    LacpBringUp.pause(rest);
                }
                Map<String, StreamReport> reports = failover.finish();
                double worst = 0;
                for (Map.Entry<String, StreamReport> e : reports.entrySet()) {
                    double outage = e.getValue().outageBetween(failed - BEFORE.toNanos(), Long.MAX_VALUE).toNanos() / 1e6;
                    BenchmarkRun.log("mlag %s: stream by %s: outage %.1f ms (%s)", label, e.getKey(), outage, e.getValue());
                    worst = Math.max(worst, outage);
                }
                failover.assertSurvivorServes();
                return worst;
            }
        }
    }
}
