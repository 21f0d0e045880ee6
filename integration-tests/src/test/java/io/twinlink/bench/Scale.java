package io.twinlink.bench;

import io.twinlink.it.harness.Command;
import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.OvsSwitch;
import io.twinlink.it.harness.PacketCapture;
import io.twinlink.it.harness.TestRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scale: N member ports (veth pairs) at the fast rate, twinlink against one Open vSwitch, in
 * bundles of four. Once every member is collecting and distributing on both sides and has
 * settled, a window of steady state: CPU of one core and resident memory of the twinlink
 * agent and of ovs-vswitchd from /proc, and the period of every port's LACPDUs from a
 * tcpdump on all of OVS's ports (both directions), as deviation from 1 s.
 *
 * <p>The agent is started with the project's launcher (bin/twinlink, property
 * {@code twinlink.launcher}) so its JVM options are those a user gets.
 */
final class Scale implements Benchmark {

    private static final String TWINLINK_MAC = "02:00:00:00:30:01";
    private static final int PER_BUNDLE = 4;
    private static final Pattern ENABLED = Pattern.compile("(?m)^member \\S+: enabled");

    @Override
    public String name() {
        return "scale";
    }

    @Override
    public List<FigureRow> run(BenchOptions options) {
        List<Integer> sizes = options.quick() ? List.of(16) : List.of(64, 256, 1024);
        Duration window = options.quick() ? Duration.ofSeconds(10) : Duration.ofSeconds(60);
        List<FigureRow> rows = new ArrayList<>();
        for (int n : sizes) {
            rows.addAll(measure(n, window, options.quick()));
        }
        return rows;
    }

    private List<FigureRow> measure(int ports, Duration window, boolean quick) {
        try (Netns tl = Netns.create("st");
             Netns sw = Netns.create("so")) {
            StringBuilder links = new StringBuilder();
            for (int i = 1; i <= ports; i++) {
                links.append("link add a").append(i).append(" netns ").append(tl.name())
                        .append(" type veth peer name b").append(i).append(" netns ").append(sw.name()).append('\n');
            }
            Command.of("ip", "-batch", "-").input(links.toString()).timeout(Duration.ofMinutes(5)).check();
            try (OvsSwitch ovs = OvsSwitch.start(sw)) {
                ovs.addBridge("br0");
                List<String> bonds = new ArrayList<>();
                for (int g = 0; g < ports / PER_BUNDLE; g++) {
                    if (g > 0) {
                        bonds.add("--");
                    }
                    bonds.addAll(List.of("add-bond", "br0", "bd" + g));
                    for (int k = 1; k <= PER_BUNDLE; k++) {
                        bonds.add("b" + (g * PER_BUNDLE + k));
                    }
                    bonds.addAll(List.of("lacp=active", "other_config:lacp-time=fast"));
                }
                ovs.vsctl(bonds.toArray(String[]::new));
                List<String> theirs = new ArrayList<>();
                for (int i = 1; i <= ports; i++) {
                    theirs.add("b" + i);
                }
                Wiring.setLinks(sw, theirs, true);
                try (YamlAgent agent = YamlAgent.start(tl, "scale-" + ports, paths -> yaml(paths, ports), launcher(), "lacp")) {
                    long started = System.nanoTime();
                    Wiring.await(ports + " members collecting/distributing on both sides", Duration.ofMinutes(10),
                            () -> ovsEnabledCount(ovs) == ports && twinlinkForwarding(agent) == ports);
                    BenchmarkRun.log("scale %d: aggregated %.1f s after the agent started", ports,
                            (System.nanoTime() - started) / 1e9);
                    // steady state: past the start-up's class loading and JIT compilation
                    LacpBringUp.pause(quick ? Duration.ofSeconds(2) : Duration.ofSeconds(30));
                    return window(ports, window, tl, sw, ovs, agent);
                }
            }
        }
    }

    private List<FigureRow> window(int ports, Duration window, Netns tl, Netns sw, OvsSwitch ovs, YamlAgent agent) {
        ProcessUsage twinlink = new ProcessUsage(agent.pid());
        ProcessUsage vswitchd = new ProcessUsage(ovs.pids().get(1));
        Samples twinlinkCpu = new Samples(Quantity.PERCENT_OF_CORE);
        Samples ovsCpu = new Samples(Quantity.PERCENT_OF_CORE);
        Samples twinlinkRss = new Samples(Quantity.MEGABYTES);
        Samples ovsRss = new Samples(Quantity.MEGABYTES);
        Path pcap = TestRun.current().workDir("scale-" + ports).resolve("ovs-all-ports.pcap");
        int slices = 6;
        long slice = window.toNanos() / slices;
        PacketCapture capture = PacketCapture.startBuffered(sw, "any", pcap, "ether", "proto", "0x8809");
        int threads;
        double peak;
        try {
            for (int s = 0; s < slices; s++) {
                double t0 = twinlink.cpuSeconds();
                double o0 = vswitchd.cpuSeconds();
                long start = System.nanoTime();
                long end = start + slice;
                while (System.nanoTime() < end) {
                    twinlinkRss.add(twinlink.rssMegabytes());
                    ovsRss.add(vswitchd.rssMegabytes());
                    LacpBringUp.pause(Duration.ofMillis(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000))));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                twinlinkCpu.add(100 * (twinlink.cpuSeconds() - t0) / seconds);
                ovsCpu.add(100 * (vswitchd.cpuSeconds() - o0) / seconds);
            }
            threads = twinlink.threads();
            peak = twinlink.peakRssMegabytes();
            if (!agent.isAlive()) {
                throw new AssertionError("the agent died during the window; log " + agent.log());
            }
        } finally {
            capture.close();
        }
        long lost = capture.droppedByKernel();
        String ovsSystem = ovs.lacpShow("bd0").systemId();
        LacpduPeriods.Timing ourTiming = LacpduPeriods.of(pcap, TWINLINK_MAC);
        LacpduPeriods.Timing theirTiming = LacpduPeriods.of(pcap, ovsSystem);
        List<Double> ours = ourTiming.deviationsMillis();
        List<Double> theirs = theirTiming.deviationsMillis();
        Samples p99 = Samples.of(Quantity.MILLIS, LacpduPeriods.percentile(ours, 99));
        Samples p99Ovs = Samples.of(Quantity.MILLIS, LacpduPeriods.percentile(theirs, 99));
        Samples p50 = Samples.of(Quantity.MILLIS, LacpduPeriods.percentile(ours, 50));
        Samples p50Ovs = Samples.of(Quantity.MILLIS, LacpduPeriods.percentile(theirs, 50));
        String periods = String.format(Locale.ROOT, "twinlink %d periods missed, %d extra LACPDUs; OVS %d missed, %d extra",
                ourTiming.missed(), ourTiming.extras(), theirTiming.missed(), theirTiming.extras());
        BenchmarkRun.log("scale %d: %s", ports, periods);
        BenchmarkRun.log("scale %d: twinlink cpu %s, rss %s (peak %.1f MB), %d threads, %d periods; OVS cpu %s, rss %s;"
                + " capture lost %d frames", ports, twinlinkCpu, twinlinkRss.worst(), peak, threads, ours.size(), ovsCpu,
                ovsRss.worst(), lost);
        String setup = ports + " ports (" + ports / PER_BUNDLE + " bundles of " + PER_BUNDLE + "), fast rate";
        String peer = "ovs-vswitchd, the other end";
        List<FigureRow> rows = new ArrayList<>();
        rows.add(new FigureRow("scale: CPU", setup, twinlinkCpu, peer, ovsCpu, Target.atMost(5, Quantity.PERCENT_OF_CORE),
                null, ports == 64 || ports == 16 ? List.of("CPU time (utime + stime, /proc/PID/stat) over the " + window.toSeconds()
                        + " s window in six slices (median and worst slice), after every member was collecting/distributing"
                        + " on both sides; the agent runs with bin/twinlink's JVM options, `dataplane: none`, no capture"
                        + " file; OVS on its userspace (netdev) datapath.") : List.of()));
        rows.add(new FigureRow("scale: memory", setup, twinlinkRss, peer, ovsRss, Target.atMost(256, Quantity.MEGABYTES),
                null, ports == 64 || ports == 16 ? List.of("Resident set (VmRSS) sampled every second over the window: median"
                        + " and largest sample.") : List.of()));
        String captureLoss = lost < 0 ? "tcpdump lost ? frames" : "tcpdump lost " + lost + " frames";
        rows.add(new FigureRow("scale: LACPDU period jitter p99", setup + "; " + periods + "; " + captureLoss, p99, "OVS's LACPDUs", p99Ovs,
                Target.atMost(20, Quantity.MILLIS), null, ports == 64 || ports == 16 ? List.of("How far each periodic LACPDU"
                        + " of a port is from 1 s after the port's previous one, from tcpdump on all of OVS's ports"
                        + " (`-i any`, both directions, 64 MB buffer) during the window; " + ours.size() + " periods of"
                        + " twinlink's here. LACPDUs sent at once on a state change (NTT, 802.1AX 6.4.16) do not move"
                        + " the periodic timer and are counted apart as extras, as are missed periods (none within"
                        + " 0.5 s of the slot); tcpdump's own count of frames it lost is in the setup column.") : List.of()));
        rows.add(new FigureRow("scale: LACPDU period jitter p50", setup, p50, "OVS's LACPDUs", p50Ovs,
                Target.atMost(20, Quantity.MILLIS), null, List.of()));
        return rows;
    }

    private static String yaml(YamlAgent.Paths paths, int ports) {
        StringBuilder y = new StringBuilder();
        y.append("system: {priority: 32768, mac: ").append(TWINLINK_MAC).append("}\n");
        y.append("control: {socket: ").append(paths.socket()).append("}\n");
        y.append("lacp:\n");
        for (int g = 0; g < ports / PER_BUNDLE; g++) {
            y.append("  - {name: ag").append(g).append(", key: ").append(g + 1)
                    .append(", mode: active, rate: fast, members: [");
            for (int k = 1; k <= PER_BUNDLE; k++) {
                y.append(k > 1 ? ", " : "").append('a').append(g * PER_BUNDLE + k);
            }
            y.append("]}\n");
        }
        y.append("dataplane: none\n");
        return y.toString();
    }

    /** Members OVS has enabled, over all its bonds (one `bond/show`). */
    private static int ovsEnabledCount(OvsSwitch ovs) {
        Matcher m = ENABLED.matcher(ovs.appctl("bond/show").stdout());
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static int twinlinkForwarding(YamlAgent agent) {
        int n = 0;
        for (var a : agent.show("lacp").path("aggregators")) {
            for (var m : a.path("members")) {
                if (m.path("mux").asText().equals("COLLECTING_DISTRIBUTING")) {
                    n++;
                }
            }
        }
        return n;
    }

    /** bin/twinlink, the launcher users run (its JVM options are part of what is measured). */
    static List<String> launcher() {
        String launcher = System.getProperty("twinlink.launcher");
        if (launcher == null) {
            throw new IllegalStateException("system property twinlink.launcher (bin/twinlink) not set: run through bench/run");
        }
        return List.of(launcher);
    }
}
