package io.twinlink.it.mlag;

import io.twinlink.it.harness.PeerLinkSecret;
import io.twinlink.it.harness.BondingVm;
import io.twinlink.it.harness.Command;
import io.twinlink.it.harness.LacpActivity;
import io.twinlink.it.harness.LacpRate;
import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.OvsBondStatus;
import io.twinlink.it.harness.OvsLacpStatus;
import io.twinlink.it.harness.OvsSwitch;
import io.twinlink.it.harness.TestRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Two twinlink switches as an MC-LAG pair, a dual-homed server and an upstream host, each in
 * a namespace of its own:
 *
 * <pre>
 *                  upstream: 198.18.10.1 on bridge ubr = {u1, u2}, both ports isolated
 *                     u1 |                                     | u2
 *                 uplink |                                     | uplink
 *   sw1: br0 = {uplink, bond10}    plc ------ plc    sw2: br0 = {uplink, bond10}   (peer-link, TCP)
 *        agent; bond10 = LACP      bk ------- bk          agent; bond10 = LACP     (backup keepalive, UDP)
 *        over member srv          [pld ------ pld]        over member srv          (optional data port)
 *                    srv |                                     | srv
 *                     p1 |                                     | p2
 *           server: OVS bond0 = {p1, p2} on br0 (198.18.10.10), or the bonding guest (198.18.10.20)
 * </pre>
 *
 * <p><b>Why no loop.</b> The server's bond is one logical port (it never forwards between its
 * members). The upstream bridge joins both switches, but its two ports are {@code isolated}:
 * it delivers what either switch sends to the upstream host and never forwards from one
 * switch to the other, as a routed upstream or a host with two NICs would. Without that, a
 * broadcast from the server would come back to it through the other switch. With the
 * peer-link data port {@code pld} the switches are joined directly, so the upstream host is
 * then wired to sw1 only (an "orphan port"): sw2 reaches it across {@code pld}, and split
 * horizon keeps what crosses {@code pld} off the bundle that is up on both switches.
 *
 * <p>sw1 starts first and serves alone until sw2 joins: it is the primary (it also has the
 * lower priority), and numbers its ports from 0 (lower peer-link address); sw2 adds 0x8000.
 * Both advertise {@value #SHARED_MAC}.
 */
public final class MlagTestbed implements AutoCloseable {

    static final String SHARED_MAC = "02:00:00:00:00:aa";
    static final int MLAG_ID = 10;
    static final int KEY = 10;
    static final String BUNDLE = "bond10";
    static final String MEMBER = "srv";
    static final String UPLINK = "uplink";
    static final String PEER_LINK = "plc";
    static final String BACKUP = "bk";
    static final String PEER_LINK_DATA = "pld";
    static final String BRIDGE = "br0";
    static final String UPSTREAM_IP = "198.18.10.1";
    static final String SERVER_IP = "198.18.10.10";
    static final String GUEST_IP = "198.18.10.20";
    static final String BROADCAST_IP = "198.18.10.255";
    private static final Duration READY_LIMIT = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(2);

    public enum Server { OVS, BONDING_VM }

    /**
     * @param sw2 changes to sw2's configuration (a consistency mismatch)
     */
    public record Options(Server server, boolean peerLinkDataPort, UnaryOperator<SwitchConfig> sw2) {

        public static Options ovs() {
            return new Options(Server.OVS, false, c -> c);
        }

        static Options bondingVm() {
            return new Options(Server.BONDING_VM, false, c -> c);
        }

        Options withPeerLinkDataPort() {
            return new Options(server, true, sw2);
        }

        Options withSw2(UnaryOperator<SwitchConfig> change) {
            return new Options(server, peerLinkDataPort, change);
        }
    }

    /** One switch of the pair. */
    static final class Switch {
        private final String label;
        private final Netns netns;
        private final SwitchConfig config;
        private final String serverPort;
        private MlagAgent agent;
        private int runs;

        private Switch(String label, Netns netns, SwitchConfig config, String serverPort) {
            this.label = label;
            this.netns = netns;
            this.config = config;
            this.serverPort = serverPort;
        }

        String label() {
            return label;
        }

        Netns netns() {
            return netns;
        }

        SwitchConfig config() {
            return config;
        }

        MlagAgent agent() {
            return agent;
        }

        /** The server's interface at the other end of this switch's member (p1 or p2). */
        String serverPort() {
            return serverPort;
        }

        MlagStatus mlag() {
            return agent.mlag();
        }

        LinkCounters memberCounters() {
            return LinkCounters.of(netns, MEMBER);
        }

        @Override
        public String toString() {
            return label + " (" + netns.name() + ")";
        }
    }

    private final Options options;
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private Switch sw1;
    private Switch sw2;
    private Netns server;
    private Netns upstream;
    private OvsSwitch ovs;
    private BondingVm vm;
    private Path secret;

    private MlagTestbed(Options options) {
        this.options = options;
    }

    /**
     * Builds everything and starts both agents (and the guest); returns once the control sockets
     * answer. {@link #awaitServing()} waits for the pair and the server's bond.
     */
    public static MlagTestbed start(Options options) {
        MlagTestbed bed = new MlagTestbed(options);
        try {
            bed.build();
            return bed;
        } catch (RuntimeException | Error e) {
            bed.close();
            throw e;
        }
    }

    Switch sw1() {
        return sw1;
    }

    Switch sw2() {
        return sw2;
    }

    List<Switch> switches() {
        return List.of(sw1, sw2);
    }

    Netns server() {
        return server;
    }

    Netns upstream() {
        return upstream;
    }

    OvsSwitch ovs() {
        if (ovs == null) {
            throw new IllegalStateException("this testbed's server is " + options.server);
        }
        return ovs;
    }

    BondingVm vm() {
        if (vm == null) {
            throw new IllegalStateException("this testbed's server is " + options.server);
        }
        return vm;
    }

    private void build() {
        server = own(Netns.create("msrv"));
        upstream = own(Netns.create("mup"));
        Netns ns1 = own(Netns.create("msw1"));
        Netns ns2 = own(Netns.create("msw2"));
        for (Netns ns : List.of(server, upstream, ns1, ns2)) {
            // Only the test's own traffic on the links: interface counters then measure it.
            ns.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        }
        SwitchConfig base1 = new SwitchConfig(BUNDLE, KEY, MEMBER, MLAG_ID, 1, SHARED_MAC, "169.254.1.1", "169.254.1.2",
                "198.18.9.2", 100, 1, Optional.empty());
        SwitchConfig base2 = new SwitchConfig(BUNDLE, KEY, MEMBER, MLAG_ID, 1, SHARED_MAC, "169.254.1.2", "169.254.1.1",
                "198.18.9.1", 200, 1, Optional.empty());
        if (options.peerLinkDataPort) {
            base1 = base1.peerLinkPort(PEER_LINK_DATA);
            base2 = base2.peerLinkPort(PEER_LINK_DATA);
        }
        sw1 = new Switch("sw1", ns1, base1, "p1");
        sw2 = new Switch("sw2", ns2, options.sw2.apply(base2), "p2");
        wireSwitches();
        wireUpstream();
        if (options.server == Server.OVS) {
            startOvsServer();
        } else {
            createBondingGuest();
        }
        server.linkUp(sw1.serverPort);
        server.linkUp(sw2.serverPort);
        startAgents();
        if (vm != null) {
            vm.start();
        }
    }

    /** Member, peer-link, backup and (optional) data port veths; each switch's bridge. */
    private void wireSwitches() {
        Netns ns1 = sw1.netns;
        Netns ns2 = sw2.netns;
        ns1.veth(MEMBER, server, sw1.serverPort);
        ns2.veth(MEMBER, server, sw2.serverPort);
        ns1.veth(PEER_LINK, ns2, PEER_LINK);
        ns1.veth(BACKUP, ns2, BACKUP);
        ns1.addAddress(PEER_LINK, "169.254.1.1/30");
        ns2.addAddress(PEER_LINK, "169.254.1.2/30");
        ns1.addAddress(BACKUP, "198.18.9.1/30");
        ns2.addAddress(BACKUP, "198.18.9.2/30");
        ns1.veth(UPLINK, upstream, "u1");
        if (options.peerLinkDataPort) {
            ns1.veth(PEER_LINK_DATA, ns2, PEER_LINK_DATA);
        } else {
            ns2.veth(UPLINK, upstream, "u2");
        }
        for (Switch sw : switches()) {
            Netns ns = sw.netns;
            ns.exec("ip", "link", "add", BRIDGE, "type", "bridge", "stp_state", "0");
            List<String> ports = new ArrayList<>();
            if (sw == sw1 || !options.peerLinkDataPort) {
                ports.add(UPLINK);
            }
            if (options.peerLinkDataPort) {
                ports.add(PEER_LINK_DATA);
            }
            for (String port : ports) {
                ns.exec("ip", "link", "set", port, "master", BRIDGE);
                ns.linkUp(port);
            }
            for (String link : List.of(BRIDGE, PEER_LINK, BACKUP)) {
                ns.linkUp(link);
            }
        }
    }

    /** The upstream host's bridge over isolated ports toward the switches (see the class comment). */
    private void wireUpstream() {
        upstream.exec("ip", "link", "add", "ubr", "type", "bridge");
        for (String u : options.peerLinkDataPort ? List.of("u1") : List.of("u1", "u2")) {
            upstream.exec("ip", "link", "set", u, "master", "ubr");
            upstream.exec("ip", "link", "set", u, "type", "bridge_slave", "isolated", "on");
            // The server's OVS (userspace datapath) reads frames with AF_PACKET and hands them to
            // its internal port as they are: a UDP checksum left to veth offload would arrive
            // unfilled and be dropped there (UdpInCsumErrors). Checksum in software instead.
            upstream.exec("ethtool", "-K", u, "tx", "off");
            upstream.linkUp(u);
        }
        upstream.addAddress("ubr", UPSTREAM_IP + "/24");
        upstream.linkUp("ubr");
    }

    private void startOvsServer() {
        ovs = own(OvsSwitch.start(server));
        ovs.addBridge("br0");
        // balance-tcp spreads flows over both members; OVS gives every hash to the first
        // member up and moves hashes only when it rebalances, so rebalance every second
        // (tests that need fixed flow placement switch it off, see OvsFlows).
        ovs.addBond("br0", "bond0", List.of("p1", "p2"), LacpActivity.ACTIVE, LacpRate.FAST,
                "bond_mode=balance-tcp", "other_config:bond-rebalance-interval=1000");
        ovs.addAddress("br0", SERVER_IP + "/24");
        // With the userspace datapath p1 and p2 are ordinary kernel interfaces too: a
        // broadcast arriving on them would also reach the server's own IP stack there, a
        // second copy beside the one OVS delivers on br0. Strict reverse-path filtering
        // drops those (198.18.10.0/24 is reached through br0, not p1 or p2).
        server.exec("sysctl", "-qw", "net.ipv4.conf.all.rp_filter=1");
    }

    /** The guest's taps, wired to the switches; it boots once the agents run. */
    private void createBondingGuest() {
        BondingVm.Settings settings = BondingVm.Settings.withAddress(GUEST_IP + "/24");
        vm = own(BondingVm.create(server, settings));
        // The guest's NICs are taps in the server's namespace; tc mirred joins each to its
        // switch's veth unchanged (a bridge would not pass LACPDUs, 01:80:c2:00:00:02).
        wire(settings.taps().get(0), sw1.serverPort);
        wire(settings.taps().get(1), sw2.serverPort);
    }

    private void startAgents() {
        // sw1 first, until it serves alone; then sw2 joins it. The election is non-preemptive
        // (RoleElection): a node already serving stays primary, so started together the roles
        // would depend on which JVM came up first on a busy machine. This way sw1 is primary.
        secret = PeerLinkSecret.create();
        startAgent(sw1);
        awaitSwitches("sw1 serving alone", List.of(sw1), s -> s.role().equals("standalone"));
        startAgent(sw2);
    }

    /**
     * Starts {@code sw}'s agent again with the same configuration, as systemd's {@code
     * Restart=} would once the previous one is gone ({@link MlagAgent#kill9()}); returns once
     * its control socket answers. The new agent has to deal with whatever its predecessor left.
     */
    MlagAgent restartAgent(Switch sw) {
        if (sw.agent.isAlive()) {
            throw new IllegalStateException(sw.agent + " still runs: kill it first");
        }
        return startAgent(sw);
    }

    private MlagAgent startAgent(Switch sw) {
        sw.agent = own(MlagAgent.launch(sw.label, sw.netns, sw.config, secret, sw.runs++));
        sw.agent.awaitControlSocket();
        // The agent made the bundle's aggregate before its socket answered; the bridge is the
        // host's configuration, not the agent's, so the test puts it in, as ifupdown would.
        sw.netns.exec("ip", "link", "set", BUNDLE, "master", BRIDGE);
        return sw.agent;
    }

    /** Every frame from {@code a} leaves by {@code b} and back, untouched (tc mirred both ways). */
    private void wire(String a, String b) {
        Command.of("tc", "-n", server.name(), "-batch", "-").input(String.join("\n",
                "qdisc add dev " + a + " ingress",
                "qdisc add dev " + b + " ingress",
                "filter add dev " + a + " parent ffff: protocol all u32 match u32 0 0 action mirred egress redirect dev " + b,
                "filter add dev " + b + " parent ffff: protocol all u32 match u32 0 0 action mirred egress redirect dev " + a,
                "")).check();
    }

    /**
     * Waits until the pair is formed and consistent with the bundle up on both halves, and the
     * server's OVS bond negotiated with both members enabled, and all of it has held for
     * {@link #SETTLE}: a freshly started agent's JVM is still warming up (its event loop ran
     * late by up to 1.5 s in the first seconds on a busy machine), and a test that measures
     * should not start on a pair that may still drop its peer-link once.
     */
    public void awaitServing() {
        awaitPair("paired, consistent, bundle up on both", s -> s.pairedAndConsistent() && s.bundle(MLAG_ID).upOnBoth());
        if (ovs != null) {
            awaitOvs("negotiated, both members current attached and enabled", this::ovsServingOnBoth);
        }
        StringBuilder last = new StringBuilder();
        try {
            Awaitility.await("the pair serving steadily for " + SETTLE).during(SETTLE).atMost(READY_LIMIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        last.setLength(0);
                        boolean serving = true;
                        for (Switch sw : switches()) {
                            MlagStatus s = sw.mlag();
                            last.append(sw.label).append(": ").append(s).append('\n');
                            serving &= s.pairedAndConsistent() && s.bundle(MLAG_ID).upOnBoth();
                        }
                        return serving && (ovs == null || ovsServingOnBoth());
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the pair did not serve steadily for " + SETTLE + " within " + READY_LIMIT
                    + "; last:\n" + last + "logs: " + sw1.agent.log() + ", " + sw2.agent.log(), e);
        }
    }

    /** Waits until {@code condition} holds for both switches' {@code show mlag}. */
    void awaitPair(String description, Predicate<MlagStatus> condition) {
        awaitSwitches(description, List.of(sw1, sw2), condition);
    }

    /**
     * Polls {@code sw}'s {@code show mlag} every 10 ms until {@code condition} holds, within
     * {@code limit}; returns the time from {@code sinceNanos} (System.nanoTime) to that poll.
     */
    Duration awaitSince(Switch sw, long sinceNanos, String description, Duration limit, Predicate<MlagStatus> condition) {
        AtomicLong at = new AtomicLong();
        Awaitility.await(sw.label + ": " + description).atMost(limit).pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    MlagStatus s = sw.mlag();
                    at.set(System.nanoTime());
                    return condition.test(s);
                });
        return Duration.ofNanos(at.get() - sinceNanos);
    }

    void awaitSwitches(String description, List<Switch> which, Predicate<MlagStatus> condition) {
        StringBuilder last = new StringBuilder();
        try {
            Awaitility.await(description).atMost(READY_LIMIT).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        last.setLength(0);
                        boolean all = true;
                        for (Switch sw : which) {
                            MlagStatus s = sw.mlag();
                            last.append(sw.label).append(": ").append(s).append('\n');
                            all &= condition.test(s);
                        }
                        return all;
                    });
        } catch (ConditionTimeoutException e) {
            StringBuilder logs = new StringBuilder();
            for (Switch sw : which) {
                logs.append('\n').append(sw.label).append(" log ").append(sw.agent.log()).append(", tail:\n")
                        .append(sw.agent.logTail(15));
            }
            throw new AssertionError(description + " not reached within " + READY_LIMIT + "; last:\n" + last + logs, e);
        }
    }

    /** OVS's bond negotiated, both members current/attached with the shared partner, both enabled. */
    boolean ovsServingOnBoth() {
        OvsLacpStatus lacp = ovs.lacpShow("bond0");
        OvsBondStatus bond = ovs.bondShow("bond0");
        return lacp.negotiated() && lacp.allMembersCurrentAttached()
                && lacp.members().stream().allMatch(m -> m.partnerSystemId().equals(SHARED_MAC))
                && bond.enabledMembers().containsAll(List.of("p1", "p2"));
    }

    void awaitOvs(String description, Callable<Boolean> condition) {
        try {
            Awaitility.await("server OVS bond: " + description).atMost(READY_LIMIT).pollInterval(Duration.ofMillis(50))
                    .until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("server OVS bond: " + description + " not reached within " + READY_LIMIT + ":\n"
                    + ovs.appctl("lacp/show", "bond0").stdout() + ovs.appctl("bond/show", "bond0").stdout(), e);
        }
    }

    /** {@link #awaitOvs}, returning the time from {@code sinceNanos} (System.nanoTime) to the poll that saw it. */
    Duration awaitOvsSince(long sinceNanos, String description, Callable<Boolean> condition) {
        AtomicLong at = new AtomicLong();
        awaitOvs(description, () -> {
            boolean done = condition.call();
            at.set(System.nanoTime());
            return done;
        });
        return Duration.ofNanos(at.get() - sinceNanos);
    }

    /** Members of the server's OVS bond that OVS currently sends on. */
    List<String> ovsEnabledMembers() {
        return ovs.bondShow("bond0").enabledMembers();
    }

    /** Sets links of one namespace down (or up) in a single {@code ip -batch}: they change together. */
    static void setLinks(Netns netns, String state, String... links) {
        StringBuilder batch = new StringBuilder();
        for (String link : links) {
            batch.append("link set ").append(link).append(' ').append(state).append('\n');
        }
        Command.of("ip", "-n", netns.name(), "-batch", "-").input(batch.toString()).check();
    }

    private <T extends AutoCloseable> T own(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Stops the agents and the server, then deletes every namespace (newest first). */
    @Override
    public void close() {
        RuntimeException first = null;
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("testbed clean-up: " + e.getMessage(), e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
