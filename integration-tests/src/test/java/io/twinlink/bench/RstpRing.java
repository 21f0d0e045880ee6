package io.twinlink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.OvsRstpStatus;
import io.twinlink.it.harness.OvsSwitch;
import io.twinlink.it.harness.UdpFlow;
import io.twinlink.it.harness.UdpStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Spanning tree reconvergence after a link failure in a ring of three bridges, B1 (root,
 * priority 4096), B2 (8192) and B3 (32768), point-to-point veth links l12, l23, l31. B3's
 * root port is towards B1 and its port towards B2 is the alternate. A UDP stream, one
 * datagram a millisecond, runs from B1's address to B3's; B3's root link is cut (carrier
 * loss on both ends) and the figure is the stream's outage: alternate to root port, topology
 * change, forwarding tables flushed, traffic through B2 [802.1D-2004 17.29, 17.11].
 * The same ring runs twinlink RSTP (three agents on Linux bridges), Open vSwitch RSTP, the
 * kernel bridge's 802.1D STP, and (full run) twinlink in 802.1D mode.
 */
final class RstpRing implements Benchmark {

    /** 802.1D timers for the STP rings: the standard's minimum forward delay and max age, so its floor is 2 x 4 s. */
    static final int FORWARD_DELAY = 4;
    static final int MAX_AGE = 6;
    static final int HELLO = 1;
    private static final int[] PRIORITIES = {4096, 8192, 32768};
    private static final Duration INTERVAL = Duration.ofMillis(1);

    @Override
    public String name() {
        return "rstp";
    }

    @Override
    public List<FigureRow> run(BenchOptions options) throws Exception {
        Samples twinlink = measure(options.repetitions(), () -> new TwinlinkRing("rstp"));
        Samples ovs = measure(options.repetitions(), OvsRing::new);
        Samples kernel = measure(options.repetitions(), KernelRing::new);
        String method = "Ring of three bridges, B3's root link cut under a 1 ms UDP stream from B1 to B3; the outage"
                + " by the sender's timestamps (alternate port to root, topology change, flush, traffic through B2).";
        List<FigureRow> rows = new ArrayList<>();
        rows.add(new FigureRow("RSTP convergence", "twinlink RSTP ring (3 agents, Linux bridges)", twinlink,
                "OVS RSTP ring", ovs, Target.atMost(100, Quantity.MILLIS), null, List.of(method)));
        rows.add(new FigureRow("RSTP convergence", "twinlink RSTP ring (as above)", twinlink,
                "kernel bridge 802.1D ring (forward delay 4 s)", kernel, Target.atMost(100, Quantity.MILLIS), null,
                List.of()));
        if (!options.quick()) {
            Samples legacy = measure(options.repetitions(), () -> new TwinlinkRing("stp"));
            rows.add(new FigureRow("802.1D convergence", "twinlink in 802.1D mode (`mode: stp`, forward delay 4 s)",
                    legacy, "kernel bridge 802.1D ring", kernel,
                    Target.atMost(2.0 * FORWARD_DELAY * 1000 + 1000, Quantity.MILLIS), null, List.of(
                    "802.1D's floor for a failed root port with a blocked alternate is listening + learning, 2 x forward"
                            + " delay = 8 s here [802.1D-2004 17.29 in STP compatibility, clause 8 of 802.1D-1998];"
                            + " the target allows 1 s over it.")));
        }
        return rows;
    }

    /** One ring implementation; closing it removes its namespaces and processes. */
    interface Ring extends AutoCloseable {
        /** B1's and B3's namespaces, where the stream's ends live. */
        Netns b1();

        Netns b3();

        /** Stable: B3 forwards on l31 (root) and blocks l32 (alternate); B1 and B2 forward on every port. */
        boolean converged();

        @Override
        void close();
    }

    @FunctionalInterface
    interface RingFactory {
        Ring build() throws Exception;
    }

    private static Samples measure(int repetitions, RingFactory factory) throws Exception {
        Samples gaps = new Samples(Quantity.MILLIS);
        try (Ring ring = factory.build()) {
            for (int rep = 0; rep < repetitions; rep++) {
                Wiring.await(ring + " converged", Duration.ofSeconds(90), ring::converged);
                UdpFlow flow;
                long cut;
                try (UdpStream stream = UdpStream.start(ring + "-" + rep, new UdpStream.End(ring.b1(), "198.18.40.1"),
                        new UdpStream.End(ring.b3(), "198.18.40.3"), 5001, INTERVAL)) {
                    stream.awaitFlowing(0, 300, Duration.ofSeconds(30));
                    cut = System.nanoTime();
                    ring.b3().linkDown("l31");
                    stream.awaitFlowing(cut, 500, Duration.ofSeconds(60));
                    stream.close();
                    flow = stream.aToB();
                }
                double gap = flow.longestGapAfter(cut - Duration.ofMillis(100).toNanos())
                        .map(g -> g.duration().toNanos() / 1e6).orElse(0.0);
                gaps.add(gap);
                BenchmarkRun.log("%s rep %d: outage %.1f ms", ring, rep + 1, gap);
                ring.b3().linkUp("l31");
            }
        }
        return gaps;
    }

    /** Three namespaces joined in a ring; {@code ports.get(i)} are bridge i's two ring ports. */
    abstract static class Namespaces implements Ring {
        final List<Netns> nodes = new ArrayList<>();
        static final List<List<String>> PORTS = List.of(List.of("l12", "l13"), List.of("l21", "l23"), List.of("l31", "l32"));

        Namespaces(String label) {
            for (int i = 1; i <= 3; i++) {
                Netns ns = Netns.create(label + i);
                Wiring.noIpv6(ns);
                nodes.add(ns);
            }
            nodes.get(0).veth("l12", nodes.get(1), "l21");
            nodes.get(1).veth("l23", nodes.get(2), "l32");
            nodes.get(2).veth("l31", nodes.get(0), "l13");
        }

        @Override
        public Netns b1() {
            return nodes.get(0);
        }

        @Override
        public Netns b3() {
            return nodes.get(2);
        }

        static String address(int i) {
            return "198.18.40." + (i + 1) + "/24";
        }

        @Override
        public void close() {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).close();
            }
        }
    }

    /** Linux bridges whose port states three twinlink agents set. */
    static final class TwinlinkRing extends Namespaces {
        private final String mode;
        private final List<YamlAgent> agents = new ArrayList<>();

        TwinlinkRing(String mode) {
            super("tr");
            this.mode = mode;
            for (int i = 0; i < 3; i++) {
                Netns ns = nodes.get(i);
                ns.exec("ip", "link", "add", "br0", "type", "bridge", "stp_state", "0");
                for (String p : PORTS.get(i)) {
                    ns.exec("ip", "link", "set", p, "master", "br0");
                }
                ns.linkUp("br0");
            }
            try {
                for (int i = 0; i < 3; i++) {
                    int priority = PRIORITIES[i];
                    List<String> ports = PORTS.get(i);
                    agents.add(YamlAgent.start(nodes.get(i), "stp-" + mode + "-b" + (i + 1), paths -> String.join("\n",
                            "control: {socket: " + paths.socket() + "}",
                            "stp:",
                            "  bridge: br0",
                            "  mode: " + mode,
                            "  priority: " + priority,
                            "  hello-time: " + HELLO,
                            "  max-age: " + MAX_AGE,
                            "  forward-delay: " + FORWARD_DELAY,
                            "  ports: {" + ports.get(0) + ": {}, " + ports.get(1) + ": {}}",
                            "dataplane: none",
                            "capture: " + paths.capture(),
                            ""), YamlAgent.plainJava(), "stp"));
                }
                // Addresses only now: until the last agent has taken its ports over, the ring may
                // forward in a loop for a moment, harmless while nothing sends.
                for (int i = 0; i < 3; i++) {
                    nodes.get(i).addAddress("br0", address(i));
                }
            } catch (RuntimeException | AssertionError e) {
                close();
                throw e;
            }
        }

        @Override
        public boolean converged() {
            for (int i = 0; i < 2; i++) {
                for (JsonNode p : agents.get(i).show("stp").path("ports")) {
                    if (!p.path("state").asText().equals("forwarding")) {
                        return false;
                    }
                }
            }
            JsonNode b3 = agents.get(2).show("stp");
            return port(b3, "l31", "root", "forwarding") && port(b3, "l32", "alternate", "discarding");
        }

        private static boolean port(JsonNode stp, String name, String role, String state) {
            for (JsonNode p : stp.path("ports")) {
                if (p.path("name").asText().equals(name)) {
                    return p.path("role").asText().equals(role) && p.path("state").asText().equals(state);
                }
            }
            return false;
        }

        @Override
        public void close() {
            agents.forEach(YamlAgent::close);
            super.close();
        }

        @Override
        public String toString() {
            return "twinlink-" + mode + "-ring";
        }
    }

    /** Three Open vSwitch bridges with RSTP on. */
    static final class OvsRing extends Namespaces {
        private final List<OvsSwitch> switches = new ArrayList<>();

        OvsRing() {
            super("or");
            try {
                for (int i = 0; i < 3; i++) {
                    OvsSwitch ovs = OvsSwitch.start(nodes.get(i));
                    switches.add(ovs);
                    ovs.addBridge("br0");
                    ovs.enableRstp("br0", PRIORITIES[i]);
                    for (String p : PORTS.get(i)) {
                        ovs.addPort("br0", p);
                    }
                    ovs.addAddress("br0", address(i));
                }
                for (int i = 0; i < 3; i++) {
                    Wiring.setLinks(nodes.get(i), PORTS.get(i), true);
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public boolean converged() {
            for (int i = 0; i < 2; i++) {
                if (!switches.get(i).rstpShow("br0").ports().stream().allMatch(p -> p.state().equals("Forwarding"))) {
                    return false;
                }
            }
            OvsRstpStatus b3 = switches.get(2).rstpShow("br0");
            return b3.ports().size() == 2
                    && b3.port("l31").role().equals("Root") && b3.port("l31").state().equals("Forwarding")
                    && b3.port("l32").role().equals("Alternate") && b3.port("l32").state().equals("Discarding");
        }

        @Override
        public void close() {
            for (int i = switches.size() - 1; i >= 0; i--) {
                switches.get(i).close();
            }
            super.close();
        }

        @Override
        public String toString() {
            return "ovs-rstp-ring";
        }
    }

    /** Three kernel bridges running their own 802.1D STP. */
    static final class KernelRing extends Namespaces {

        KernelRing() {
            super("kr");
            for (int i = 0; i < 3; i++) {
                Netns ns = nodes.get(i);
                ns.exec("ip", "link", "add", "br0", "type", "bridge", "stp_state", "1",
                        "forward_delay", String.valueOf(FORWARD_DELAY * 100), "max_age", String.valueOf(MAX_AGE * 100),
                        "hello_time", String.valueOf(HELLO * 100), "priority", String.valueOf(PRIORITIES[i]));
                for (String p : PORTS.get(i)) {
                    ns.exec("ip", "link", "set", p, "master", "br0");
                }
                ns.addAddress("br0", address(i));
                ns.linkUp("br0");
            }
            for (int i = 0; i < 3; i++) {
                Wiring.setLinks(nodes.get(i), PORTS.get(i), true);
            }
        }

        /** /sys port states: 3 forwarding, 4 blocking. */
        private String state(int node, String port) {
            return nodes.get(node).exec("cat", "/sys/class/net/br0/brif/" + port + "/state").stdout().strip();
        }

        @Override
        public boolean converged() {
            for (int i = 0; i < 2; i++) {
                for (String p : PORTS.get(i)) {
                    if (!state(i, p).equals("3")) {
                        return false;
                    }
                }
            }
            return state(2, "l31").equals("3") && state(2, "l32").equals("4");
        }

        @Override
        public String toString() {
            return "kernel-stp-ring";
        }
    }
}
