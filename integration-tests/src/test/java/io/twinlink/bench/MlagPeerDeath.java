package io.twinlink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinlink.it.harness.PeerLinkSecret;
import io.twinlink.it.harness.LacpActivity;
import io.twinlink.it.harness.LacpRate;
import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.OvsSwitch;
import io.twinlink.it.harness.TestRun;
import io.twinlink.it.harness.UdpFlow;
import io.twinlink.it.harness.UdpStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * MC-LAG peer death. Two twinlink agents, sw1 (primary) and sw2, form an MC-LAG pair (peer-link
 * and backup keepalive on their own veths) and both advertise the shared system MAC to a
 * server whose Open vSwitch bonds one link to each (balance-tcp, fast LACP). Both switches
 * hold the same gateway address and MAC on their aggregate and route to a host behind them;
 * two UDP streams (1 ms) run from the server to the host, one hashed onto each member. Then
 * sw1's agent is killed with SIGKILL, in two ways:
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

    private static final String SYSTEM_MAC = "02:00:00:00:00:aa";
    private static final String GATEWAY = "198.18.20.254";
    private static final String GATEWAY_MAC = "02:00:00:00:20:fe";
    private static final String SERVER_IP = "198.18.20.1";
    private static final String HOST_IP = "198.18.30.1";
    private static final Duration INTERVAL = Duration.ofMillis(1);
    private static final Duration LIMIT = Duration.ofSeconds(60);
    /** Longer than the server's LACP timeout (3 s), so a late move of the dead member's flows is seen. */
    private static final Duration WATCH = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "mlag";
    }

    @Override
    public List<FigureRow> run(BenchOptions options) {
        Samples agentDies = new Samples(Quantity.MILLIS);
        Samples switchDies = new Samples(Quantity.MILLIS);
        for (int rep = 0; rep < options.repetitions(); rep++) {
            agentDies.add(once(rep, false));
            switchDies.add(once(rep, true));
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

    private static double once(int rep, boolean carrierLoss) {
        String label = (carrierLoss ? "switch" : "agent") + "-dies-" + rep;
        try (Pair pair = new Pair(label)) {
            List<UdpStream> streams = pair.streamsOverBothMembers(label);
            try {
                long kill = System.nanoTime();
                pair.sw1Agent.kill9();
                if (carrierLoss) {
                    pair.sw1.linkDown("s1");
                }
                BenchmarkRun.log("mlag %s: killed sw1's agent %.1f ms after the decision", label,
                        (System.nanoTime() - kill) / 1e6);
                Wiring.await("sw2 sees its peer dead", LIMIT, () -> pair.peerDown(pair.sw2Agent));
                BenchmarkRun.log("mlag %s: sw2 declared its peer down after %.0f ms", label, (System.nanoTime() - kill) / 1e6);
                LacpBringUp.pause(WATCH.minus(Duration.ofNanos(System.nanoTime() - kill)));
                for (UdpStream s : streams) {
                    s.awaitFlowing(kill, 100, LIMIT);
                }
                double worst = 0;
                for (UdpStream s : streams) {
                    s.close();
                    UdpFlow flow = s.aToB();
                    double gap = flow.longestGapAfter(kill - Duration.ofMillis(100).toNanos())
                            .map(g -> g.duration().toNanos() / 1e6).orElse(0.0);
                    BenchmarkRun.log("mlag %s: %s: outage %.1f ms", label, flow.name(), gap);
                    worst = Math.max(worst, gap);
                }
                JsonNode mlag = pair.sw2Agent.show("mlag");
                BenchmarkRun.log("mlag %s: sw2 now role=%s, bundles=%s", label, mlag.path("role").asText(),
                        mlag.path("bundles"));
                return worst;
            } finally {
                streams.forEach(UdpStream::close);
            }
        }
    }

    /** The server, the pair and the host, wired and aggregated. */
    private static final class Pair implements AutoCloseable {
        final Netns sw1;
        final Netns sw2;
        final Netns server;
        final Netns host;
        final OvsSwitch ovs;
        YamlAgent sw1Agent;
        YamlAgent sw2Agent;

        Pair(String label) {
            sw1 = Netns.create("m1");
            sw2 = Netns.create("m2");
            server = Netns.create("ms");
            host = Netns.create("mh");
            try {
                for (Netns ns : List.of(sw1, sw2, server, host)) {
                    Wiring.noIpv6(ns);
                }
                sw1.veth("s1", server, "p1");
                sw2.veth("s2", server, "p2");
                sw1.veth("plc", sw2, "plc");
                sw1.veth("bk", sw2, "bk");
                sw1.veth("u1", host, "h1");
                sw2.veth("u2", host, "h2");
                Wiring.checksumInSoftware(host, List.of("h1", "h2"));
                sw1.addAddress("plc", "169.254.1.1/30");
                sw2.addAddress("plc", "169.254.1.2/30");
                sw1.addAddress("bk", "198.18.9.1/30");
                sw2.addAddress("bk", "198.18.9.2/30");
                sw1.addAddress("u1", "10.1.1.1/30");
                host.addAddress("h1", "10.1.1.2/30");
                sw2.addAddress("u2", "10.1.2.1/30");
                host.addAddress("h2", "10.1.2.2/30");
                for (Netns sw : List.of(sw1, sw2)) {
                    sw.exec("sysctl", "-qw", "net.ipv4.ip_forward=1", "net.ipv4.conf.all.rp_filter=0",
                            "net.ipv4.conf.default.rp_filter=0");
                    Wiring.setLinks(sw, List.of("plc", "bk", sw == sw1 ? "u1" : "u2"), true);
                }
                host.exec("sysctl", "-qw", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0",
                        "net.ipv4.conf.h1.rp_filter=0", "net.ipv4.conf.h2.rp_filter=0");
                host.addAddress("lo", HOST_IP + "/32");
                Wiring.setLinks(host, List.of("h1", "h2"), true);
                host.exec("ip", "route", "add", "198.18.20.0/24", "nexthop", "via", "10.1.1.1", "nexthop", "via", "10.1.2.1");
                sw1.exec("ip", "route", "add", HOST_IP + "/32", "via", "10.1.1.2");
                sw2.exec("ip", "route", "add", HOST_IP + "/32", "via", "10.1.2.2");

                ovs = OvsSwitch.start(server);
                ovs.addBridge("br0");
                ovs.addBond("br0", "bond0", List.of("p1", "p2"), LacpActivity.ACTIVE, LacpRate.FAST,
                        "bond_mode=balance-tcp");
                ovs.addAddress("br0", SERVER_IP + "/24");
                server.exec("ip", "route", "add", HOST_IP + "/32", "via", GATEWAY);
                Wiring.setLinks(server, List.of("p1", "p2"), true);

                Path secret = PeerLinkSecret.create();
                sw1Agent = agent(sw1, 1, secret);
                sw2Agent = agent(sw2, 2, secret);
                String serverMac = server.link("br0").mac();
                for (Netns sw : List.of(sw1, sw2)) {
                    sw.exec("ip", "link", "set", "bond10", "address", GATEWAY_MAC);
                    sw.addAddress("bond10", GATEWAY + "/24");
                    // The server answers a switch's ARP over whichever member its hash picks, often the
                    // other switch's: a real pair syncs ARP over the peer-link (DESIGN.md: MAC sync, a
                    // stretch goal); here each switch simply knows the server's address.
                    sw.exec("ip", "neigh", "replace", SERVER_IP, "lladdr", serverMac, "dev", "bond10", "nud", "permanent");
                }
                Wiring.await("pair formed and the server's bond on both switches", LIMIT,
                        () -> peerUp(sw1Agent) && peerUp(sw2Agent)
                                && Wiring.ovsEnabled(ovs, "bond0", List.of("p1", "p2")));
            } catch (RuntimeException | AssertionError e) {
                close();
                throw e;
            }
        }

        private static YamlAgent agent(Netns sw, int n, Path secret) {
            String local = "169.254.1." + n;
            String peer = "169.254.1." + (3 - n);
            String backup = "198.18.9." + (3 - n);
            int priority = n == 1 ? 100 : 200;
            return YamlAgent.start(sw, "mlag-sw" + n, paths -> String.join("\n",
                    "control: {socket: " + paths.socket() + "}",
                    "lacp:",
                    "  - {name: bond10, key: 10, mode: active, rate: fast, members: [s" + n + "], mlag-id: 10}",
                    "mlag:",
                    "  domain-id: 1",
                    "  system-mac: " + SYSTEM_MAC,
                    "  local: " + local + ":9888",
                    "  peer: " + peer + ":9888",
                    "  secret-file: " + secret,
                    "  backup: " + backup,
                    "  priority: " + priority,
                    "  delay-restore: 1",
                    "dataplane: tc",
                    "capture: " + paths.capture(),
                    ""), YamlAgent.plainJava(), "mlag");
        }

        static boolean peerUp(YamlAgent agent) {
            return agent.show("mlag").path("peer").path("state").asText().equals("up");
        }

        boolean peerDown(YamlAgent agent) {
            return agent.show("mlag").path("peer").path("state").asText().equals("down");
        }

        /** One stream per member of the server's bond: ports are tried until the hash has used both. */
        List<UdpStream> streamsOverBothMembers(String label) {
            List<UdpStream> streams = new ArrayList<>();
            List<String> used = new ArrayList<>();
            try {
                for (int port = 5001; port < 5017 && used.size() < 2; port++) {
                    UdpStream s = UdpStream.start("mlag-" + label + "-" + port, new UdpStream.End(server, SERVER_IP),
                            new UdpStream.End(host, HOST_IP), port, INTERVAL);
                    s.awaitFlowing(0, 300, LIMIT);
                    if (used.isEmpty()) {
                        used.add(MemberFailover.carrier(server, List.of("p1", "p2")));
                        streams.add(s);
                    } else {
                        // the first stream keeps its member busy: the new one is elsewhere if the other grows
                        String other = used.get(0).equals("p1") ? "p2" : "p1";
                        long before = server.txPackets(other);
                        LacpBringUp.pause(Duration.ofMillis(500));
                        if (server.txPackets(other) - before >= 200) {
                            used.add(other);
                            streams.add(s);
                        } else {
                            s.close();
                        }
                    }
                }
            } catch (RuntimeException | AssertionError e) {
                streams.forEach(UdpStream::close);
                throw e;
            }
            if (used.size() < 2) {
                streams.forEach(UdpStream::close);
                throw new AssertionError("16 flows all hashed onto " + used + " of the server's bond");
            }
            return streams;
        }

        @Override
        public void close() {
            for (YamlAgent a : new YamlAgent[] {sw2Agent, sw1Agent}) {
                if (a != null) {
                    a.close();
                }
            }
            if (ovs != null) {
                ovs.close();
            }
            for (Netns ns : List.of(host, server, sw2, sw1)) {
                if (ns != null) {
                    ns.close();
                }
            }
        }
    }
}
