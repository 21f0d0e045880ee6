package io.twinlink.bench;

import io.twinlink.it.harness.LacpActivity;
import io.twinlink.it.harness.LacpRate;
import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.OvsSwitch;
import io.twinlink.it.harness.TwinlinkAgent;
import io.twinlink.it.harness.TwinlinkConfig;
import io.twinlink.it.harness.UdpFlow;
import io.twinlink.it.harness.UdpStream;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Member failover: a UDP stream, one datagram a millisecond, crosses a two-member LAG; the
 * member carrying it loses carrier (its far end is set down) and the sender must move the
 * flow. The figure is the sender's outage: from the last datagram through before the cut to
 * the first one after, by the sender's own timestamps. twinlink (tc data plane) sends to OVS;
 * the peer figure is OVS sending to OVS, same cut.
 */
final class MemberFailover implements Benchmark {

    private static final List<String> OURS = List.of("a1", "a2");
    private static final List<String> THEIRS = List.of("p1", "p2");
    private static final Duration INTERVAL = Duration.ofMillis(1);
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "failover";
    }

    @Override
    public List<FigureRow> run(BenchOptions options) {
        Samples twinlink = new Samples(Quantity.MILLIS);
        Samples ovs = new Samples(Quantity.MILLIS);
        twinlinkSends(options.repetitions(), twinlink);
        ovsSends(options.repetitions(), ovs);
        return List.of(new FigureRow("member failover", "twinlink (tc data plane) sending to OVS, 2 members", twinlink,
                "OVS sending to OVS", ovs, Target.atMost(50, Quantity.MILLIS), null, List.of(
                "Carrier loss on the member carrying a 1 ms UDP stream (its far end set down), sender's outage from the"
                        + " last datagram through before the cut to the first after it; the set-up is built once, left 5 s"
                        + " to settle, and the cut repeated, the member restored and re-aggregated in between. Both"
                        + " senders learn of the carrier loss from the kernel's link notification, which the kernel"
                        + " sends from a work queue: on a loaded machine that alone can take a few hundred ms.")));
    }

    private static void twinlinkSends(int repetitions, Samples out) {
        try (Netns tl = Netns.create("ft");
             Netns sw = Netns.create("fo");
             OvsSwitch ovs = OvsSwitch.start(sw)) {
            Wiring.noIpv6(tl);
            Wiring.noIpv6(sw);
            for (int i = 0; i < OURS.size(); i++) {
                tl.veth(OURS.get(i), sw, THEIRS.get(i));
            }
            Wiring.checksumInSoftware(tl, OURS);
            ovs.addBridge("br0");
            ovs.addBond("br0", "bond0", THEIRS, LacpActivity.ACTIVE, LacpRate.FAST, "bond_mode=balance-tcp");
            ovs.addAddress("br0", "198.18.11.2/24");
            TwinlinkConfig config = TwinlinkConfig.tc(LacpBringUp.TWINLINK_MAC,
                    new TwinlinkConfig.Bundle("bond0", 10, LacpActivity.ACTIVE, LacpRate.FAST, OURS)).aggregateWait(0);
            try (TwinlinkAgent agent = TwinlinkAgent.start(tl, config)) {
                tl.addAddress("bond0", "198.18.11.1/24");
                Wiring.setLinks(sw, THEIRS, true);
                settle();
                for (int rep = 0; rep < repetitions; rep++) {
                    Wiring.await("aggregated", LIMIT,
                            () -> Wiring.ovsEnabled(ovs, "bond0", THEIRS) && agent.allCollectingDistributing());
                    double gap = cutUnderTraffic("failover-twinlink-" + rep, new UdpStream.End(tl, "198.18.11.1"),
                            new UdpStream.End(sw, "198.18.11.2"), tl, OURS, sw, THEIRS);
                    out.add(gap);
                    BenchmarkRun.log("failover rep %d: twinlink -> OVS gap %.1f ms", rep + 1, gap);
                }
            }
        }
    }

    private static void ovsSends(int repetitions, Samples out) {
        try (Netns left = Netns.create("fl");
             Netns right = Netns.create("fr");
             OvsSwitch leftOvs = OvsSwitch.start(left);
             OvsSwitch rightOvs = OvsSwitch.start(right)) {
            Wiring.noIpv6(left);
            Wiring.noIpv6(right);
            for (String m : THEIRS) {
                left.veth(m, right, m);
            }
            int host = 1;
            for (OvsSwitch ovs : List.of(leftOvs, rightOvs)) {
                ovs.addBridge("br0");
                ovs.addBond("br0", "bond0", THEIRS, LacpActivity.ACTIVE, LacpRate.FAST, "bond_mode=balance-tcp");
                ovs.addAddress("br0", "198.18.12." + host++ + "/24");
            }
            Wiring.setLinks(left, THEIRS, true);
            Wiring.setLinks(right, THEIRS, true);
            settle();
            for (int rep = 0; rep < repetitions; rep++) {
                Wiring.await("aggregated", LIMIT, () -> Wiring.ovsEnabled(leftOvs, "bond0", THEIRS)
                        && Wiring.ovsEnabled(rightOvs, "bond0", THEIRS));
                double gap = cutUnderTraffic("failover-ovs-" + rep, new UdpStream.End(left, "198.18.12.1"),
                        new UdpStream.End(right, "198.18.12.2"), left, THEIRS, right, THEIRS);
                out.add(gap);
                BenchmarkRun.log("failover rep %d: OVS -> OVS gap %.1f ms", rep + 1, gap);
            }
        }
    }

    /**
     * Starts the stream, finds the sender's member carrying it, cuts that member's far end,
     * waits for traffic to flow again, restores the member; returns the outage in ms.
     */
    private static double cutUnderTraffic(String name, UdpStream.End sender, UdpStream.End receiver,
                                          Netns senderNs, List<String> senderMembers, Netns farNs, List<String> farMembers) {
        String cutFar;
        long cut;
        LocalTime cutAt;
        UdpFlow flow;
        try (UdpStream stream = UdpStream.start(name, sender, receiver, 5001, INTERVAL)) {
            stream.awaitFlowing(0, 300, LIMIT);
            String member = carrier(senderNs, senderMembers);
            cutFar = farMembers.get(senderMembers.indexOf(member));
            cut = System.nanoTime();
            cutAt = LocalTime.now();
            farNs.linkDown(cutFar);
            stream.awaitFlowing(cut, 500, LIMIT);
            stream.close();
            flow = stream.aToB();
        }
        farNs.linkUp(cutFar);
        Optional<UdpFlow.Gap> gap = flow.longestGapAfter(cut - Duration.ofMillis(100).toNanos());
        // where the outage lies relative to the cut, and the cut on the wall clock of the agents' logs
        gap.ifPresent(g -> BenchmarkRun.log("%s: cut %s at %s; outage from %+.1f ms to %+.1f ms after it, %d lost", name,
                cutFar, cutAt, (g.before().sentNanos() - cut) / 1e6, (g.after().sentNanos() - cut) / 1e6, g.lost()));
        return gap.map(g -> g.duration().toNanos() / 1e6).orElse(0.0);
    }

    /**
     * A fresh process spends its first seconds loading classes and compiling: the first
     * repetition would measure that, on a machine with other work on it, not the failover.
     */
    static void settle() {
        LacpBringUp.pause(Duration.ofSeconds(5));
    }

    /** The sender's member whose transmit counter grows by the stream's rate: the one its hash chose. */
    static String carrier(Netns netns, List<String> members) {
        Map<String, Long> before = new HashMap<>();
        members.forEach(m -> before.put(m, netns.txPackets(m)));
        String[] found = new String[1];
        Wiring.await("a member carrying 200 datagrams", LIMIT, () -> {
            for (String m : members) {
                if (netns.txPackets(m) - before.get(m) >= 200) {
                    found[0] = m;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }
}
