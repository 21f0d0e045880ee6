package io.twinlink.it.mlag;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.it.harness.Figures;
import io.twinlink.it.harness.KernelState;
import io.twinlink.it.mlag.MlagTestbed.Switch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Faults of the MC-LAG pair itself while it serves the OVS server, with a 1000 datagrams/s
 * stream from the server to the upstream host on a flow the server sends to sw2: the
 * peer-link flapping, and sw2's agent killed with SIGKILL and started again. The testbed has
 * the peer-link data port, so each switch also runs the split-horizon table
 * ({@code twinlink_mlag}) whose leftovers a restarted agent must replace.
 */
@Tag("ovs")
@Tag("mlag")
class MlagFaultsIT {

    private static final int FLAPS = 10;
    private static final long FLAP_SEED = 20_261_127L;
    private static final int SHORTEST_MS = 100;
    private static final int LONGEST_MS = 1_500;
    /** Reconnect (backoff up to 1 s), delay-restore (1 s), LACP on both members (fast rate), with room for a busy machine. */
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(10);
    private static final Duration LIMIT = Duration.ofSeconds(15);
    private static final Duration OUTAGE_TARGET = Duration.ofMillis(500);
    private static final Duration SAMPLE = Duration.ofMillis(20);
    /** The member's guard and the aggregate's veth peer: the ingress qdiscs the agent owns. */
    private static final List<String> INGRESS = List.of(MlagTestbed.MEMBER, MlagTestbed.BUNDLE + "dp");

    /**
     * The peer-link (sw1's end of {@code plc}) goes down and up {@value #FLAPS} times, each
     * period 100 ms to 1.5 s. Short losses pass unnoticed (TCP retransmits within the 300 ms
     * dead interval); longer ones split the pair, so sw2 holds its half down, and every mend
     * restarts delay-restore. Whatever happened, once the peer-link stays up the pair must be
     * whole again within {@link #RECOVERY_LIMIT}, the roles as before (the election is
     * non-preemptive and sw1 never stopped serving), and the kernel as before the flapping.
     */
    @Test
    void peerLinkFlappingEndsWithThePairWholeAndRolesUnchanged() {
        try (MlagTestbed bed = MlagTestbed.start(MlagTestbed.Options.ovs().withPeerLinkDataPort())) {
            bed.awaitServing();
            String sw1Kernel = KernelState.of(bed.sw1().netns(), INGRESS);
            String sw2Kernel = KernelState.of(bed.sw2().netns(), INGRESS);
            int port = OvsFlows.flowVia(bed, "p2");
            try (SequenceStream stream = SequenceStream.between("peer-link-flap", bed.server(), MlagTestbed.SERVER_IP,
                    bed.upstream(), MlagTestbed.UPSTREAM_IP).flows(port, 1).start()) {
                stream.awaitDelivered(0, 500, LIMIT);

                Random random = new Random(FLAP_SEED);
                PairWatch watch = new PairWatch();
                long lastMend = 0;
                for (int flap = 1; flap <= FLAPS; flap++) {
                    MlagTestbed.setLinks(bed.sw1().netns(), "down", MlagTestbed.PEER_LINK);
                    watch.during(bed, period(random));
                    MlagTestbed.setLinks(bed.sw1().netns(), "up", MlagTestbed.PEER_LINK);
                    lastMend = System.nanoTime();
                    if (flap < FLAPS) {
                        watch.during(bed, period(random));
                    }
                    watch.endFlap();
                }

                for (Switch sw : bed.switches()) {
                    bed.awaitSince(sw, lastMend, "paired, consistent, bundle up on both", RECOVERY_LIMIT,
                            s -> s.pairedAndConsistent() && s.bundle(MlagTestbed.MLAG_ID).upOnBoth());
                }
                Duration bothEnabled = bed.awaitOvsSince(lastMend, "both members enabled, shared partner",
                        bed::ovsServingOnBoth);
                stream.awaitDelivered(System.nanoTime(), 300, LIMIT);
                stream.stopSending();
                StreamReport report = stream.report();
                System.out.printf("peer-link flapping: %d flaps (%d ms down, %d ms up in all, seed %d), sw2 held its"
                                + " half down in %d of them; %s; both members enabled %d ms after the last mend%n",
                        FLAPS, watch.downMillis, watch.upMillis, FLAP_SEED, watch.heldFlaps, report, bothEnabled.toMillis());

                Figures.record("mlag.peer-link-flap.outage", report.outage());
                Figures.record("mlag.peer-link-flap.both-enabled", bothEnabled);
                assertThat(watch.heldFlaps).as("flaps long enough to split the pair (sw2 held down)").isPositive();
                assertThat(watch.sw1Roles).as("sw1's roles while flapping").containsExactly("primary");
                assertThat(watch.sw2Roles).as("sw2's roles while flapping").containsExactly("secondary");
                assertThat(bothEnabled).as("both members enabled after the last mend").isLessThanOrEqualTo(RECOVERY_LIMIT);
                assertThat(report.duplicates()).as("duplicates: %s", report).isZero();
                assertThat(report.outage()).as("longest outage: %s", report).isLessThanOrEqualTo(OUTAGE_TARGET);
                assertPairServes(bed);
                assertThat(KernelState.of(bed.sw1().netns(), INGRESS)).as("sw1's kernel after flapping").isEqualTo(sw1Kernel);
                assertThat(KernelState.of(bed.sw2().netns(), INGRESS)).as("sw2's kernel after flapping").isEqualTo(sw2Kernel);
            }
        }
    }

    /**
     * kill -9 of sw2's agent while it serves: its kernel objects outlive it, so sw2 forwards
     * until the server's OVS expires the silent partner and moves the flow to p1, and sw1
     * serves alone. The same configuration is then started again: the new agent must find
     * what the dead one left (the tc aggregate with its member guard, the split-horizon
     * table), remove it itself, pair with sw1, wait out delay-restore and serve again, with
     * the kernel of its namespace exactly as before the kill.
     */
    @Test
    void killedSecondaryAgentRestartsCleansUpAndServesAgain() {
        try (MlagTestbed bed = MlagTestbed.start(MlagTestbed.Options.ovs().withPeerLinkDataPort())) {
            bed.awaitServing();
            Switch sw2 = bed.sw2();
            int port = OvsFlows.flowVia(bed, "p2");
            String before = awaitKernelWithBundleDualHomed(sw2);
            assertThat(before).contains("link bond10 alias \"twinlink aggregate (tc) pid=N members=srv\"",
                    "ingress srv filters=", "ingress bond10dp filters=", "nft table bridge twinlink_mlag rules=1");
            try (SequenceStream stream = SequenceStream.between("restart", bed.server(), MlagTestbed.SERVER_IP,
                    bed.upstream(), MlagTestbed.UPSTREAM_IP).flows(port, 1).start()) {
                stream.awaitDelivered(0, 500, LIMIT);

                long deadPid = sw2.agent().pid();
                long killed = System.nanoTime();
                sw2.agent().kill9();
                Duration sw1Alone = bed.awaitSince(bed.sw1(), killed, "standalone", LIMIT,
                        s -> s.role().equals("standalone"));
                Duration partnerOut = bed.awaitOvsSince(killed, "p1 alone enabled",
                        () -> bed.ovsEnabledMembers().equals(List.of("p1")));
                stream.awaitDelivered(System.nanoTime(), 300, LIMIT);
                // What the dead agent set up is all still there, marked with its pid.
                assertThat(KernelState.markedPid(sw2.netns(), MlagTestbed.BUNDLE)).isEqualTo(deadPid);
                assertThat(KernelState.of(sw2.netns(), INGRESS)).as("sw2's kernel after kill -9").isEqualTo(before);

                long restarted = System.nanoTime();
                MlagAgent agent = bed.restartAgent(sw2);
                for (Switch sw : bed.switches()) {
                    bed.awaitSince(sw, restarted, "paired, consistent, bundle up on both", LIMIT,
                            s -> s.pairedAndConsistent() && s.bundle(MlagTestbed.MLAG_ID).upOnBoth());
                }
                Duration bothEnabled = bed.awaitOvsSince(restarted, "both members enabled, shared partner",
                        bed::ovsServingOnBoth);
                stream.awaitDelivered(System.nanoTime(), 300, LIMIT);
                stream.stopSending();
                StreamReport report = stream.report();
                Duration killGap = report.outageBetween(killed, restarted);
                System.out.printf("kill -9 of sw2's agent: sw1 standalone after %d ms, OVS on p1 alone after %d ms,"
                                + " the stream's gap at the kill %d ms; restarted: both members enabled %d ms after the"
                                + " restart command; %s%n", sw1Alone.toMillis(), partnerOut.toMillis(), killGap.toMillis(),
                        bothEnabled.toMillis(), report);

                Figures.record("mlag.restart.kill-gap", killGap);
                Figures.record("mlag.restart.partner-out", partnerOut);
                Figures.record("mlag.restart.both-enabled", bothEnabled);
                String log = read(agent);
                assertThat(log).contains(
                        "aggregate bond10 left by twinlink pid " + deadPid + ", which did not stop cleanly",
                        "member srv still has the guard of an earlier twinlink run: removing it",
                        "nftables table bridge twinlink_mlag left by an earlier twinlink run that did not stop cleanly");
                assertThat(log.indexOf("protodown=true (delay-restore"))
                        .as("held for delay-restore once paired, then released:%n%s", log).isNotNegative()
                        .isLessThan(log.lastIndexOf("protodown=false"));
                assertThat(report.duplicates()).as("duplicates: %s", report).isZero();
                assertThat(report.outage()).as("longest outage: %s", report).isLessThanOrEqualTo(OUTAGE_TARGET);
                assertPairServes(bed);
                assertThat(KernelState.markedPid(sw2.netns(), MlagTestbed.BUNDLE)).isEqualTo(agent.pid());
                assertThat(awaitKernelWithBundleDualHomed(sw2)).as("sw2's kernel after the restart").isEqualTo(before);
            }
        }
    }

    /** Roles as before the fault, the shared system advertised by both, OVS on both members with it as partner. */
    private static void assertPairServes(MlagTestbed bed) {
        MlagStatus sw1 = bed.sw1().mlag();
        MlagStatus sw2 = bed.sw2().mlag();
        assertThat(sw1.role()).as("sw1: %s", sw1).isEqualTo("primary");
        assertThat(sw2.role()).as("sw2: %s", sw2).isEqualTo("secondary");
        for (MlagStatus s : List.of(sw1, sw2)) {
            assertThat(s.advertisedSystem()).isEqualTo(MlagTestbed.SHARED_MAC);
            assertThat(s.bundle(MlagTestbed.MLAG_ID).protodown()).isFalse();
        }
        assertThat(bed.ovsServingOnBoth()).as("OVS: both members enabled, the shared partner").isTrue();
    }

    /**
     * The kernel state of a switch that serves: its bundle is up on both halves, so split
     * horizon lists it; the set is updated right after the bundle comes up, hence the wait.
     */
    private static String awaitKernelWithBundleDualHomed(Switch sw) {
        String dualHomed = "nft set bridge twinlink_mlag dual_homed elements=[" + MlagTestbed.BUNDLE + "]";
        return Awaitility.await(sw + ": split horizon lists " + MlagTestbed.BUNDLE).atMost(LIMIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> KernelState.of(sw.netns(), INGRESS), k -> k.contains(dualHomed));
    }

    private static Duration period(Random random) {
        return Duration.ofMillis(SHORTEST_MS + random.nextInt(LONGEST_MS - SHORTEST_MS + 1));
    }

    private static String read(MlagAgent agent) {
        try {
            return Files.readString(agent.log(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + agent.log(), e);
        }
    }

    /**
     * What both switches showed while the peer-link flapped, sampled every {@link #SAMPLE}
     * for the length of each down or up period (the period is the fault being injected, so
     * it is waited out, not polled for).
     */
    private static final class PairWatch {
        final Set<String> sw1Roles = new TreeSet<>();
        final Set<String> sw2Roles = new TreeSet<>();
        int heldFlaps;
        long downMillis;
        long upMillis;
        private boolean heldThisFlap;
        private boolean down = true;

        void during(MlagTestbed bed, Duration period) {
            long end = System.nanoTime() + period.toNanos();
            if (down) {
                downMillis += period.toMillis();
            } else {
                upMillis += period.toMillis();
            }
            down = !down;
            do {
                sw1Roles.add(bed.sw1().mlag().role());
                MlagStatus sw2 = bed.sw2().mlag();
                sw2Roles.add(sw2.role());
                heldThisFlap |= sw2.bundle(MlagTestbed.MLAG_ID).protodown();
                LockSupport.parkNanos(Math.min(SAMPLE.toNanos(), Math.max(0, end - System.nanoTime())));
            } while (System.nanoTime() < end);
        }

        void endFlap() {
            if (heldThisFlap) {
                heldFlaps++;
            }
            heldThisFlap = false;
            down = true;
        }
    }
}
