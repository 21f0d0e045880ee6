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
import java.util.List;
import java.util.Optional;

/**
 * Partner timeout at the fast rate [802.1AX-2020 6.4.12: current_while runs out after
 * Short_Timeout_Time, 3 s]: the partner freezes (SIGSTOP) without losing carrier, and the
 * member must go out. Measured from the last LACPDU received from the partner to the first
 * LACPDU the actor sends with the member out (expired, or not distributing), both read from
 * a capture: twinlink's own capture file when OVS freezes, tcpdump on the member when
 * twinlink freezes and OVS has to notice. One setup, the two directions alternated.
 */
final class PartnerTimeout implements Benchmark {

    private static final List<String> OURS = List.of("a1", "a2");
    private static final List<String> THEIRS = List.of("p1", "p2");
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "partner-timeout";
    }

    @Override
    public List<FigureRow> run(BenchOptions options) {
        Samples twinlink = new Samples(Quantity.SECONDS);
        Samples ovs = new Samples(Quantity.SECONDS);
        try (Netns tl = Netns.create("tt");
             Netns sw = Netns.create("to");
             OvsSwitch ovsSwitch = OvsSwitch.start(sw)) {
            for (int i = 0; i < OURS.size(); i++) {
                tl.veth(OURS.get(i), sw, THEIRS.get(i));
            }
            ovsSwitch.addBridge("br0");
            ovsSwitch.addBond("br0", "bond0", THEIRS, LacpActivity.ACTIVE, LacpRate.FAST);
            String ovsSystem = ovsSwitch.lacpShow("bond0").systemId();
            long vswitchd = ovsSwitch.pids().get(1);
            TwinlinkConfig config = TwinlinkConfig.tc(LacpBringUp.TWINLINK_MAC,
                    new TwinlinkConfig.Bundle("bond0", 10, LacpActivity.ACTIVE, LacpRate.FAST, OURS)).aggregateWait(0);
            try (TwinlinkAgent agent = TwinlinkAgent.start(tl, config)) {
                Wiring.setLinks(sw, THEIRS, true);
                Path dir = TestRun.current().workDir("partner-timeout");
                MemberFailover.settle();
                for (int rep = 0; rep < options.repetitions(); rep++) {
                    awaitAggregated(ovsSwitch, agent);

                    // OVS falls silent: twinlink must take its members out.
                    Instant frozen = Instant.now();
                    Wiring.signal(vswitchd, "STOP");
                    try {
                        Wiring.await("twinlink takes its members out", LIMIT,
                                () -> agent.lacp().aggregator("bond0").members().stream()
                                        .noneMatch(m -> m.collectingDistributing()));
                        LacpBringUp.pause(Duration.ofMillis(200));
                    } finally {
                        Wiring.signal(vswitchd, "CONT");
                    }
                    List<CapturedLacpdu> own = WireStates.read(agent.capture());
                    for (int port = 1; port <= OURS.size(); port++) {
                        double s = silenceToOut(own, ovsSystem, LacpBringUp.TWINLINK_MAC, port, frozen);
                        twinlink.add(s);
                        BenchmarkRun.log("partner-timeout rep %d: twinlink port %d out %.3f s after OVS's last LACPDU",
                                rep + 1, port, s);
                    }

                    // twinlink falls silent: OVS must take its members out. OVS says so on the wire
                    // only with its next periodic LACPDU, so the moment is read from bond/show, polled.
                    awaitAggregated(ovsSwitch, agent);
                    PacketCapture wire = PacketCapture.start(sw, THEIRS.get(0), dir.resolve("p1-" + rep + ".pcap"),
                            "ether", "proto", "0x8809");
                    Instant out;
                    try {
                        LacpBringUp.pause(Duration.ofMillis(1200)); // one periodic LACPDU of twinlink's in the capture
                        agent.sigstop();
                        try {
                            out = firstPoll(() -> !ovsSwitch.bondShow("bond0").enabledMembers().contains(THEIRS.get(0)));
                            LacpBringUp.pause(Duration.ofMillis(200));
                        } finally {
                            agent.sigcont();
                        }
                    } finally {
                        wire.close();
                    }
                    Instant outAt = out;
                    CapturedLacpdu lastHeard = WireStates.read(wire.file()).stream()
                            .filter(p -> p.actorSystem().equalsIgnoreCase(LacpBringUp.TWINLINK_MAC))
                            .filter(p -> p.time().isBefore(outAt))
                            .reduce((a, b) -> b)
                            .orElseThrow(() -> new AssertionError("no LACPDU of twinlink's in " + wire.file()));
                    double s = WireStates.seconds(lastHeard.time(), out);
                    ovs.add(s);
                    BenchmarkRun.log("partner-timeout rep %d: OVS took %s out %.3f s after twinlink's last LACPDU",
                            rep + 1, THEIRS.get(0), s);
                }
            }
        }
        return List.of(new FigureRow("partner timeout", "twinlink hears OVS fall silent (SIGSTOP), fast rate", twinlink,
                "OVS hears twinlink fall silent", ovs, Target.within(3.0, 0.1, Quantity.SECONDS), null, List.of(
                "From the partner's last LACPDU to the member out: for twinlink, its first LACPDU with the member out"
                        + " (Expired, or Distributing cleared), both read from its own capture file (`capture:`), one"
                        + " sample per member and repetition; for OVS, which says so on the wire only with its next"
                        + " periodic LACPDU, the first `bond/show` (polled back to back, tens of ms apart) without the"
                        + " member, against twinlink's last LACPDU in a tcpdump of that member.")));
    }

    /** The wall-clock time (as tcpdump stamps frames) a condition polled back to back first held. */
    private static Instant firstPoll(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return Instant.now();
            }
        }
        throw new AssertionError("condition not met within " + LIMIT);
    }

    private static void awaitAggregated(OvsSwitch ovs, TwinlinkAgent agent) {
        Wiring.await("aggregated", LIMIT, () -> Wiring.ovsEnabled(ovs, "bond0", THEIRS) && agent.allCollectingDistributing());
    }

    /**
     * The actor's first LACPDU on port {@code actorPort} with the member out, sent after
     * {@code silenceFrom}, and the partner's last LACPDU to that port before it: seconds between.
     */
    static double silenceToOut(List<CapturedLacpdu> capture, String partnerSystem, String actorSystem, int actorPort,
                               Instant silenceFrom) {
        Instant margin = silenceFrom.minusMillis(5); // capture timestamps are whole microseconds
        Optional<CapturedLacpdu> out = capture.stream()
                .filter(p -> p.actorSystem().equalsIgnoreCase(actorSystem) && p.actorPort() == actorPort)
                .filter(p -> !p.time().isBefore(margin))
                .filter(p -> p.actor(CapturedLacpdu.EXPIRED) || !p.actor(CapturedLacpdu.DISTRIBUTING))
                .findFirst();
        CapturedLacpdu first = out.orElseThrow(() -> new AssertionError(actorSystem + " port " + actorPort
                + " never sent a LACPDU with the member out"));
        Optional<CapturedLacpdu> heard = capture.stream()
                .filter(p -> p.actorSystem().equalsIgnoreCase(partnerSystem) && p.partnerPort() == actorPort)
                .filter(p -> p.time().isBefore(first.time()))
                .reduce((a, b) -> b);
        CapturedLacpdu last = heard.orElseThrow(() -> new AssertionError(actorSystem + " port " + actorPort
                + " heard nothing from " + partnerSystem));
        return WireStates.seconds(last.time(), first.time());
    }
}
