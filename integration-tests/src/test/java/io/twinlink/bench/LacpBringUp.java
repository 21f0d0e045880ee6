package io.twinlink.bench;

import io.twinlink.it.harness.CapturedLacpdu;
import io.twinlink.it.harness.LacpActivity;
import io.twinlink.it.harness.LacpRate;
import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.OvsSwitch;
import io.twinlink.it.harness.PacketCapture;
import io.twinlink.it.harness.TestRun;
import io.twinlink.it.harness.TwinlinkAgent;
import io.twinlink.it.harness.TwinlinkConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * LACP bring-up, link up to collecting/distributing on both sides: twinlink against Open
 * vSwitch, beside OVS against OVS, two members at the fast rate. One side's ends are up
 * without carrier; the other side's ends come up in one batch, and that instant is the start.
 * The end is read from the wire, not from polling: tcpdump on each member captures both
 * directions, and the figure is the last moment any side started advertising
 * synchronization + collecting + distributing for good on any member.
 */
final class LacpBringUp implements Benchmark {

    static final String TWINLINK_MAC = "02:00:00:00:10:01";
    private static final List<String> OURS = List.of("a1", "a2");
    private static final List<String> THEIRS = List.of("p1", "p2");
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "bring-up";
    }

    @Override
    public List<FigureRow> run(BenchOptions options) {
        Samples standard = new Samples(Quantity.SECONDS);
        Samples noWait = new Samples(Quantity.SECONDS);
        Samples ovsOvs = new Samples(Quantity.SECONDS);
        for (int rep = 0; rep < options.repetitions(); rep++) {
            // interleaved, so that a busy minute on the machine weighs on all three alike
            standard.add(twinlinkToOvs(rep, null));
            noWait.add(twinlinkToOvs(rep, 0.0));
            ovsOvs.add(ovsToOvs(rep));
            BenchmarkRun.log("bring-up rep %d: twinlink %.3f s, twinlink (wait 0) %.3f s, OVS-OVS %.3f s", rep + 1,
                    standard.values().get(rep), noWait.values().get(rep), ovsOvs.values().get(rep));
        }
        Target target = Target.allOf(Target.atMost(2.5, Quantity.SECONDS), Target.notWorseThanPeer("OVS↔OVS"));
        String method = "Link up (the far ends set up in one `ip -batch`) to the last moment either side started"
                + " advertising sync+collecting+distributing for good on any member, from tcpdump on both members;"
                + " two members, fast rate, twinlink on the tc data plane.";
        List<FigureRow> rows = new ArrayList<>();
        rows.add(new FigureRow("LACP bring-up", "twinlink↔OVS, aggregate-wait 2 s (802.1AX default)", standard,
                "OVS↔OVS", ovsOvs, target, null, List.of(method,
                "OVS does not wait Aggregate_Wait_Time (DESIGN.md), so with the standard's 2 s wait twinlink is slower by"
                        + " construction; the next row sets `aggregate-wait: 0` to compare like with like.")));
        rows.add(new FigureRow("LACP bring-up", "twinlink↔OVS, aggregate-wait 0 (as OVS)", noWait, "OVS↔OVS", ovsOvs,
                target, null, List.of()));
        return rows;
    }

    private static double twinlinkToOvs(int rep, Double aggregateWait) {
        try (Netns tl = Netns.create("bt");
             Netns sw = Netns.create("bo");
             OvsSwitch ovs = OvsSwitch.start(sw)) {
            for (int i = 0; i < OURS.size(); i++) {
                tl.veth(OURS.get(i), sw, THEIRS.get(i));
            }
            ovs.addBridge("br0");
            ovs.addBond("br0", "bond0", THEIRS, LacpActivity.ACTIVE, LacpRate.FAST);
            String ovsSystem = ovs.lacpShow("bond0").systemId();
            TwinlinkConfig config = TwinlinkConfig.tc(TWINLINK_MAC,
                    new TwinlinkConfig.Bundle("bond0", 10, LacpActivity.ACTIVE, LacpRate.FAST, OURS));
            if (aggregateWait != null) {
                config = config.aggregateWait(aggregateWait);
            }
            String label = "bringup-" + (aggregateWait == null ? "standard" : "nowait") + "-" + rep;
            try (TwinlinkAgent agent = TwinlinkAgent.start(tl, config)) {
                List<PacketCapture> captures = captureMembers(tl, OURS, label);
                Instant start;
                try {
                    start = Instant.now();
                    Wiring.setLinks(sw, THEIRS, true);
                    Wiring.await("twinlink and OVS aggregated", LIMIT,
                            () -> Wiring.ovsEnabled(ovs, "bond0", THEIRS) && agent.allCollectingDistributing());
                    pause(Duration.ofMillis(1500)); // one more periodic LACPDU each way: "for good" is visible
                } finally {
                    captures.forEach(PacketCapture::close);
                }
                return lastForwardingSince(captures, List.of(TWINLINK_MAC, ovsSystem), start);
            }
        }
    }

    private static double ovsToOvs(int rep) {
        try (Netns left = Netns.create("bl");
             Netns right = Netns.create("br");
             OvsSwitch leftOvs = OvsSwitch.start(left);
             OvsSwitch rightOvs = OvsSwitch.start(right)) {
            for (String m : THEIRS) {
                left.veth(m, right, m);
            }
            for (OvsSwitch ovs : List.of(leftOvs, rightOvs)) {
                ovs.addBridge("br0");
                ovs.addBond("br0", "bond0", THEIRS, LacpActivity.ACTIVE, LacpRate.FAST);
            }
            List<String> systems = List.of(leftOvs.lacpShow("bond0").systemId(), rightOvs.lacpShow("bond0").systemId());
            Wiring.setLinks(left, THEIRS, true);
            List<PacketCapture> captures = captureMembers(left, THEIRS, "bringup-ovs-" + rep);
            Instant start;
            try {
                start = Instant.now();
                Wiring.setLinks(right, THEIRS, true);
                Wiring.await("both OVS bonds enabled", LIMIT,
                        () -> Wiring.ovsEnabled(leftOvs, "bond0", THEIRS) && Wiring.ovsEnabled(rightOvs, "bond0", THEIRS));
                pause(Duration.ofMillis(1500));
            } finally {
                captures.forEach(PacketCapture::close);
            }
            return lastForwardingSince(captures, systems, start);
        }
    }

    private static List<PacketCapture> captureMembers(Netns netns, List<String> members, String label) {
        Path dir = TestRun.current().workDir(label);
        List<PacketCapture> captures = new ArrayList<>();
        for (String m : members) {
            captures.add(PacketCapture.start(netns, m, dir.resolve(m + ".pcap"), "ether", "proto", "0x8809"));
        }
        return captures;
    }

    /** The latest "forwarding for good" moment over every member and both senders, in seconds after {@code start}. */
    static double lastForwardingSince(List<PacketCapture> captures, List<String> systems, Instant start) {
        Instant last = start;
        for (PacketCapture c : captures) {
            List<CapturedLacpdu> pdus = WireStates.read(c.file());
            for (String system : systems) {
                Instant since = WireStates.forwardingSince(pdus, system, start).orElseThrow(() -> new AssertionError(
                        system + " never advertised collecting+distributing for good in " + c.file()));
                if (since.isAfter(last)) {
                    last = since;
                }
            }
        }
        return WireStates.seconds(start, last);
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
