package io.twinlink.it.stp;

import io.twinlink.it.harness.Command;
import io.twinlink.it.harness.Netns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Three bridges in a triangle, each in its own namespace, joined by veth pairs:
 *
 * <pre>
 *            A  priority 4096: the root
 *        ab /  \ ac
 *       ba /    \ ca
 *         B ---- C
 *  40960   bc  cb   32768
 * </pre>
 *
 * All link costs are equal, so A is the root and B and C each reach it directly; on the B–C
 * link both offer the same root path cost and C's lower Bridge Identifier makes C the
 * designated bridge [802.1D-2004 17.6], so exactly one port blocks the loop: B's {@code bc}.
 * Cutting A–B takes away B's root port; B then reaches the root through C. Each bridge
 * device has an address, 10.0.0.1 to .3, for traffic across the tree.
 */
final class Ring implements AutoCloseable {

    enum Node {
        A(4096, "02:00:00:00:0a:00", "10.0.0.1"),
        B(40960, "02:00:00:00:0b:00", "10.0.0.2"),
        C(32768, "02:00:00:00:0c:00", "10.0.0.3");

        final int priority;
        final String mac;
        final String address;

        Node(int priority, String mac, String address) {
            this.priority = priority;
            this.mac = mac;
            this.address = address;
        }
    }

    /** One veth pair: {@code xPort} in x's namespace, {@code yPort} in y's. */
    record RingLink(Node x, String xPort, Node y, String yPort) {
    }

    static final RingLink AB = new RingLink(Node.A, "ab", Node.B, "ba");
    static final RingLink BC = new RingLink(Node.B, "bc", Node.C, "cb");
    static final RingLink CA = new RingLink(Node.C, "ca", Node.A, "ac");
    static final List<RingLink> LINKS = List.of(AB, BC, CA);

    /** Makes the bridge of one node: its namespace, priority, MAC and ring ports are given. */
    @FunctionalInterface
    interface BridgeFactory {
        SpanningTreeBridge create(Netns netns, int priority, String mac, List<String> ports);
    }

    private final Map<Node, Netns> namespaces;
    private final Map<Node, SpanningTreeBridge> bridges = new EnumMap<>(Node.class);

    private Ring(Map<Node, Netns> namespaces) {
        this.namespaces = namespaces;
    }

    /** Creates the namespaces and links, then the bridges in the order A, B, C. */
    static Ring build(String label, BridgeFactory a, BridgeFactory b, BridgeFactory c) {
        Map<Node, Netns> namespaces = new EnumMap<>(Node.class);
        Ring ring = new Ring(namespaces);
        try {
            for (Node node : Node.values()) {
                Netns netns = Netns.create(label + node.name().toLowerCase());
                namespaces.put(node, netns);
                // No IPv6: its neighbour discovery and MLD chatter would blur the frame counts.
                netns.exec("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1",
                        "net.ipv6.conf.default.disable_ipv6=1");
            }
            for (int i = 0; i < LINKS.size(); i++) {
                RingLink link = LINKS.get(i);
                // Each end gets an interface index of its own (11, 12 for the first link...). The
                // kernel treats a veth carrier change as urgent only when the two ends' indexes
                // differ (linkwatch_urgent_event compares ifindex with iflink); in fresh
                // namespaces both would be 2, and the change would wait for linkwatch's
                // once-a-second batch whenever any interface on the machine changed within the
                // last second: up to 1 s of noise in a figure that should be milliseconds.
                Command.of("ip", "link", "add", link.xPort(), "index", String.valueOf(11 + 2 * i),
                        "netns", namespaces.get(link.x()).name(), "type", "veth",
                        "peer", "name", link.yPort(), "index", String.valueOf(12 + 2 * i),
                        "netns", namespaces.get(link.y()).name()).check();
            }
            Map<Node, BridgeFactory> factories = Map.of(Node.A, a, Node.B, b, Node.C, c);
            for (Node node : Node.values()) {
                SpanningTreeBridge bridge = factories.get(node).create(namespaces.get(node), node.priority, node.mac,
                        ports(node));
                ring.bridges.put(node, bridge);
                namespaces.get(node).addAddress(SpanningTreeBridge.DEVICE, node.address + "/24");
            }
            return ring;
        } catch (RuntimeException | AssertionError e) {
            ring.close();
            throw e;
        }
    }

    /** The ring ports of {@code node}, in the order of {@link #LINKS}. */
    static List<String> ports(Node node) {
        List<String> ports = new ArrayList<>();
        for (RingLink link : LINKS) {
            if (link.x() == node) {
                ports.add(link.xPort());
            } else if (link.y() == node) {
                ports.add(link.yPort());
            }
        }
        return ports;
    }

    SpanningTreeBridge bridge(Node node) {
        return bridges.get(node);
    }

    Netns netns(Node node) {
        return namespaces.get(node);
    }

    Map<Node, BridgeStatus> statuses() {
        Map<Node, BridgeStatus> out = new EnumMap<>(Node.class);
        bridges.forEach((node, bridge) -> out.put(node, bridge.status()));
        return out;
    }

    /** Takes the link down from x's side: y sees its carrier go. */
    void cut(RingLink link) {
        netns(link.x()).linkDown(link.xPort());
    }

    void restore(RingLink link) {
        netns(link.x()).linkUp(link.xPort());
    }

    /**
     * Every bridge names A as the root, every port but {@code blocked} forwards and {@code
     * blocked} does not (pass none when the ring is cut), and each bridge's packet path applies
     * the states its protocol reports. Ports of {@code down} links are left out.
     */
    Verdict verdict(List<String> blocked, RingLink... down) {
        Map<Node, BridgeStatus> statuses = statuses();
        List<String> problems = new ArrayList<>();
        BridgeIdentifier root = statuses.get(Node.A).bridgeId();
        List<String> downPorts = new ArrayList<>();
        for (RingLink link : down) {
            downPorts.add(link.xPort());
            downPorts.add(link.yPort());
        }
        for (Map.Entry<Node, BridgeStatus> e : statuses.entrySet()) {
            BridgeStatus s = e.getValue();
            if (!s.rootId().equals(root)) {
                problems.add(e.getKey() + " says the root is " + s.rootId() + ", not " + root);
            }
            Map<String, PortState> dataplane = bridges.get(e.getKey()).dataplaneStates();
            for (String port : ports(e.getKey())) {
                if (downPorts.contains(port)) {
                    continue;
                }
                BridgePort p = s.port(port);
                boolean shouldForward = !blocked.contains(port);
                if (p.forwarding() != shouldForward) {
                    problems.add(e.getKey() + " port " + port + " is " + p.role() + "/" + p.state());
                }
                PortState applied = dataplane.get(port);
                if (applied != null && (applied == PortState.FORWARDING) != p.forwarding()) {
                    problems.add(e.getKey() + " port " + port + " reports " + p.state() + " but its bridge applies "
                            + applied);
                }
            }
        }
        return new Verdict(statuses, problems);
    }

    /**
     * Polls {@link #verdict} until it is ok and returns how long that took, from the call to the
     * end of the poll that saw it; fails with the last verdict after {@code limit}.
     */
    Duration await(String what, Duration limit, List<String> blocked, RingLink... down) {
        AtomicReference<Verdict> last = new AtomicReference<>();
        long start = System.nanoTime();
        try {
            Awaitility.await(what).atMost(limit).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        Verdict v = verdict(blocked, down);
                        last.set(v);
                        return v.ok();
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + " not within " + limit + ": " + last.get(), e);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The outcome of {@link #verdict}: the statuses it looked at and what was wrong with them. */
    record Verdict(Map<Node, BridgeStatus> statuses, List<String> problems) {

        boolean ok() {
            return problems.isEmpty();
        }

        /** All ports not forwarding, across the ring. */
        List<String> nonForwarding() {
            return statuses.values().stream().flatMap(s -> s.ports().stream())
                    .filter(p -> !p.forwarding()).map(BridgePort::name).toList();
        }

        @Override
        public String toString() {
            return (problems.isEmpty() ? "converged" : String.join("; ", problems)) + " | " + statuses.values().stream()
                    .map(s -> s.bridge() + " root " + s.rootId() + " " + s.ports().stream()
                            .map(p -> p.name() + "=" + p.role() + "/" + p.state().name().toLowerCase())
                            .collect(Collectors.joining(",")))
                    .collect(Collectors.joining(" | "));
        }
    }

    /** Stops every bridge's daemons, then deletes the namespaces (and with them the links). */
    @Override
    public void close() {
        List<Node> reverse = new ArrayList<>(bridges.keySet());
        Collections.reverse(reverse);
        RuntimeException failure = null;
        for (Node node : reverse) {
            try {
                bridges.get(node).close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        for (Netns netns : namespaces.values()) {
            try {
                netns.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
