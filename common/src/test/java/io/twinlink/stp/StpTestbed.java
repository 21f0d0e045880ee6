package io.twinlink.stp;

import io.twinlink.fsm.MachineTrace;

import io.twinlink.wire.Bpdu;
import io.twinlink.wire.BpduType;
import io.twinlink.wire.FrameDecoder;
import io.twinlink.wire.FrameEncoder;
import io.twinlink.wire.FramePdu;
import io.twinlink.wire.FramedBpdu;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.MalformedPduException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * A few RSTP bridges joined by simulated LANs, on one virtual clock: the harness OVS's
 * test-rstp.c has, with its notation. A bridge is declared with the LANs its ports attach to
 * ({@code t.bridge("B", 0x0b, "a c")}: port B1 on LAN a, port B2 on LAN c); a LAN with two
 * bridge ports is a full-duplex point-to-point link, a {@link #sharedLan shared} one is a
 * half-duplex segment, a {@link #hostLan host} one has a single bridge port and an end station.
 *
 * <p>Every BPDU crosses the wire as a complete Ethernet frame (FrameEncoder), is decoded with
 * the codec (FrameDecoder) and arrives {@link #latencyNanos} later. After every event (a
 * delivery, a tick, a carrier change) the testbed checks that the data plane the effects
 * describe has no loop: bridges and LANs joined by forwarding ports must form a forest.
 *
 * <pre>
 *   StpTestbed t = new StpTestbed();
 *   t.bridge("A", 0x0a, "a b");
 *   t.bridge("B", 0x0b, "a c");
 *   t.bridge("C", 0x0c, "b c");
 *   t.start();
 *   t.runFor(10_000);
 *   t.expect("C", "Rf Ad");   // C1 root forwarding, C2 alternate discarding
 * </pre>
 */
final class StpTestbed {

    /** Every (machine, from, to) transition any testbed saw, for the coverage check. */
    static final Set<String> TRANSITIONS_SEEN = ConcurrentHashMap.newKeySet();

    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    static final long S = TimeUnit.SECONDS.toNanos(1);
    static final long DEFAULT_SPEED_MBPS = 1_000;

    final Map<String, Bridge> bridges = new LinkedHashMap<>();
    final Map<String, Lan> lans = new LinkedHashMap<>();
    private final PriorityQueue<Frame> wire = new PriorityQueue<>();
    private long frameSequence;
    /** One-way delay of every frame (serialisation, queueing, the other end's receive path). */
    long latencyNanos = MS;
    long now;
    /** Events checked for loops so far (to show the check really ran). */
    long loopChecks;
    /**
     * When false, a forwarding loop does not fail the test at once but is recorded in
     * {@link #loops} (start and end), for scenarios where RSTP itself allows a transient loop.
     */
    boolean failOnLoop = true;
    final List<long[]> loops = new ArrayList<>();
    private long loopSince = -1;

    enum LanKind { POINT_TO_POINT, SHARED, HOST }

    /** A LAN: who is attached, whether its medium is up. */
    final class Lan {
        final String name;
        LanKind kind = LanKind.POINT_TO_POINT;
        final List<Attachment> attached = new ArrayList<>();
        boolean cut;
        long speedMbps = DEFAULT_SPEED_MBPS;

        Lan(String name) {
            this.name = name;
        }

        boolean carrierFor(Attachment a) {
            if (cut || !attached.contains(a)) {
                return false;
            }
            return kind != LanKind.POINT_TO_POINT || attached.size() >= 2;
        }
    }

    /** A bridge port plugged into a LAN. */
    record Attachment(Bridge bridge, String port) {
    }

    record Sent(long at, String port, Bpdu bpdu) {
    }

    /** {@code at} is testbed time. */
    record Transition(long at, String machine, String port, Enum<?> from, Enum<?> to) {
    }

    record Flush(long at, String port) {
    }

    private record Frame(long at, long sequence, Bridge from, String fromPort, Lan lan, byte[] bytes)
            implements Comparable<Frame> {
        @Override
        public int compareTo(Frame o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    /** One bridge under test, with a log of what it sent and did. */
    final class Bridge {
        final String name;
        final MacAddress mac;
        final StpEngine engine;
        final List<String> portNames = new ArrayList<>();
        private final Map<String, String> plannedLans = new LinkedHashMap<>();
        private final Map<String, UnaryOperator<PortConfig>> portConfigs = new HashMap<>();
        boolean started;
        /** An 802.1D-1998 bridge: drops RST BPDUs as unknown (9.3.4 of that edition) and runs STP. */
        boolean legacy;
        final Map<String, Boolean> carrier = new HashMap<>();
        final Set<String> silenced = new HashSet<>();
        final Map<String, PortState> dataplane = new HashMap<>();
        final List<Sent> sent = new ArrayList<>();
        final List<Flush> flushes = new ArrayList<>();
        final List<StpEffect.GuardAction> guardActions = new ArrayList<>();
        final List<StpEffect.TopologyChange> topologyChanges = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        final List<Transition> transitions = new ArrayList<>();

        Bridge(String name, long macSuffix, UnaryOperator<BridgeConfig> configure, long phaseNanos) {
            this.name = name;
            this.mac = MacAddress.of(0x020000000000L | macSuffix);
            this.engine = new StpEngine(configure.apply(BridgeConfig.of(name, mac)), new MachineTrace() {
                @Override
                public void transition(String machine, String port, Enum<?> from, Enum<?> to) {
                    transitions.add(new Transition(now, machine, port, from, to));
                    TRANSITIONS_SEEN.add(machine + ":" + from + "->" + to);
                }

                @Override
                public void event(String port, String what) {
                    events.add(port + ": " + what);
                }
            });
            // Bridges do not tick in step: each one's second starts at its own phase.
            engine.tick(phaseNanos);
        }

        /** Sets the configuration of a port before the bridge starts. */
        Bridge port(int number, UnaryOperator<PortConfig> configure) {
            if (started) {
                throw new IllegalStateException("configure ports before start()");
            }
            portConfigs.put(portName(number), configure);
            return this;
        }

        String portName(int number) {
            return name + number;
        }

        StpPort port(String portName) {
            return engine.port(portName);
        }

        PortRole role(String portName) {
            return engine.port(portName).role();
        }

        PortState state(String portName) {
            return engine.port(portName).state();
        }

        boolean forwarding(String portName) {
            return dataplane.get(portName) == PortState.FORWARDING;
        }

        void handle(List<StpEffect> effects) {
            for (StpEffect e : effects) {
                if (e instanceof StpEffect.SendBpdu s) {
                    sent.add(new Sent(now, s.port(), s.bpdu()));
                    transmit(this, s.port(), FrameEncoder.bpdu(portMac(s.port()), s.encode()));
                } else if (e instanceof StpEffect.SetPortState st) {
                    dataplane.put(st.port(), st.state());
                } else if (e instanceof StpEffect.FlushFdb f) {
                    flushes.add(new Flush(now, f.port()));
                } else if (e instanceof StpEffect.GuardAction g) {
                    guardActions.add(g);
                } else if (e instanceof StpEffect.TopologyChange tc) {
                    topologyChanges.add(tc);
                }
            }
            checkNoLoop();
        }

        MacAddress portMac(String portName) {
            return MacAddress.of(mac.bits() + 0x1000000L * (1 + portNames.indexOf(portName)));
        }

        List<Sent> sentOn(String portName) {
            return sent.stream().filter(s -> s.port.equals(portName)).toList();
        }

        List<Sent> sentOnSince(String portName, long since) {
            return sent.stream().filter(s -> s.port.equals(portName) && s.at >= since).toList();
        }

        long firstTime(String portName, String machine, Enum<?> to, long since) {
            return transitions.stream()
                    .filter(t -> t.at >= since && t.port.equals(portName) && t.machine.equals(machine) && t.to == to)
                    .mapToLong(t -> t.at).findFirst().orElse(-1);
        }

        boolean took(String portName, String machine, Enum<?> from, Enum<?> to) {
            return transitions.stream().anyMatch(t -> t.port.equals(portName) && t.machine.equals(machine)
                    && t.from == from && t.to == to);
        }

        /** Compact roles and states, one token per port: role letter (R D A B X) and state (d l f). */
        String summary() {
            StringBuilder sb = new StringBuilder();
            for (String p : portNames) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                StpPort port = engine.port(p);
                sb.append(switch (port.role()) {
                    case ROOT -> 'R';
                    case DESIGNATED -> 'D';
                    case ALTERNATE -> 'A';
                    case BACKUP -> 'B';
                    case DISABLED -> 'X';
                });
                sb.append(switch (port.state()) {
                    case DISCARDING -> 'd';
                    case LEARNING -> 'l';
                    case FORWARDING -> 'f';
                });
            }
            return sb.toString();
        }
    }

    // ------------------------------------------------------------------ building

    Bridge bridge(String name, long macSuffix, String lanSpec) {
        return bridge(name, macSuffix, lanSpec, c -> c);
    }

    /**
     * Declares a bridge whose ports 1, 2, ... attach to the LANs named in {@code lanSpec}
     * (space separated; "-" leaves a port unattached). Ports are added at {@link #start()}.
     */
    Bridge bridge(String name, long macSuffix, String lanSpec, UnaryOperator<BridgeConfig> configure) {
        long phase = (bridges.size() * 370 * MS) % S;
        Bridge b = new Bridge(name, macSuffix, configure, phase);
        bridges.put(name, b);
        String[] names = lanSpec.isBlank() ? new String[0] : lanSpec.trim().split("\\s+");
        for (int i = 0; i < names.length; i++) {
            String port = b.portName(i + 1);
            b.portNames.add(port);
            b.plannedLans.put(port, names[i]);
        }
        return b;
    }

    /** An 802.1D-1998 bridge: STP only, and RST BPDUs are unknown to it (dropped). */
    Bridge legacyBridge(String name, long macSuffix, String lanSpec, UnaryOperator<BridgeConfig> configure) {
        Bridge b = bridge(name, macSuffix, lanSpec, c -> configure.apply(c.withForceVersion(ForceProtocolVersion.STP)));
        b.legacy = true;
        return b;
    }

    Lan lan(String name) {
        return lans.computeIfAbsent(name, Lan::new);
    }

    void sharedLan(String name) {
        lan(name).kind = LanKind.SHARED;
    }

    void hostLan(String name) {
        lan(name).kind = LanKind.HOST;
    }

    /** Adds the ports of every bridge not started yet, attaches them, and brings carriers up at once. */
    void start() {
        for (Bridge b : bridges.values()) {
            if (b.started) {
                continue;
            }
            b.started = true;
            int number = 1;
            for (String port : b.portNames) {
                PortConfig pc = b.portConfigs.getOrDefault(port, c -> c).apply(PortConfig.of(port, number++));
                b.handle(b.engine.addPort(pc));
                b.carrier.put(port, false);
                String lanName = b.plannedLans.get(port);
                if (!lanName.equals("-")) {
                    lan(lanName).attached.add(new Attachment(b, port));
                }
            }
        }
        refreshCarriers();
    }

    /** The medium of a LAN fails (cable cut): every port on it loses carrier. */
    void cut(String lanName) {
        lan(lanName).cut = true;
        refreshCarriers();
    }

    void restore(String lanName) {
        lan(lanName).cut = false;
        refreshCarriers();
    }

    /** A bridge dies: all its links go down at once (and its BPDUs stop). */
    void kill(String bridgeName) {
        Bridge b = bridges.get(bridgeName);
        for (Lan l : lans.values()) {
            l.attached.removeIf(a -> a.bridge == b);
        }
        refreshCarriers();
    }

    /** Moves a port to another LAN without touching its carrier when both LANs are up. */
    void move(String portName, String toLan) {
        Attachment a = attachment(portName);
        for (Lan l : lans.values()) {
            l.attached.remove(a);
        }
        lan(toLan).attached.add(a);
        refreshCarriers();
    }

    /** The LAN's speed changes (autonegotiation): every port with carrier on it hears of it. */
    void speed(String lanName, long mbps) {
        Lan l = lan(lanName);
        l.speedMbps = mbps;
        for (Attachment a : l.attached) {
            if (a.bridge.carrier.getOrDefault(a.port, false)) {
                a.bridge.handle(a.bridge.engine.linkChanged(a.port, true, l.kind != LanKind.SHARED, mbps));
            }
        }
    }

    /** Frames sent from this port are lost (a one-way link failure). */
    void silence(String portName, boolean silent) {
        Attachment a = attachment(portName);
        if (silent) {
            a.bridge.silenced.add(portName);
        } else {
            a.bridge.silenced.remove(portName);
        }
    }

    private Attachment attachment(String portName) {
        for (Bridge b : bridges.values()) {
            if (b.portNames.contains(portName)) {
                return new Attachment(b, portName);
            }
        }
        throw new IllegalArgumentException("no port " + portName);
    }

    Lan lanOf(Attachment a) {
        for (Lan l : lans.values()) {
            if (l.attached.contains(a)) {
                return l;
            }
        }
        return null;
    }

    void refreshCarriers() {
        for (Bridge b : bridges.values()) {
            for (String port : b.portNames) {
                if (!b.started) {
                    continue;
                }
                Attachment a = new Attachment(b, port);
                Lan l = lanOf(a);
                boolean up = l != null && l.carrierFor(a);
                if (up != b.carrier.get(port)) {
                    b.carrier.put(port, up);
                    boolean fullDuplex = l == null || l.kind != LanKind.SHARED;
                    long speed = l == null ? DEFAULT_SPEED_MBPS : l.speedMbps;
                    b.handle(b.engine.linkChanged(port, up, fullDuplex, speed));
                }
            }
        }
    }

    // ------------------------------------------------------------------ the wire

    private void transmit(Bridge from, String port, byte[] frame) {
        if (!from.carrier.getOrDefault(port, false)) {
            throw new AssertionError(from.name + " sent a BPDU on " + port + " while its link is down");
        }
        if (from.silenced.contains(port)) {
            return;
        }
        Lan l = lanOf(new Attachment(from, port));
        wire.add(new Frame(now + latencyNanos, frameSequence++, from, port, l, frame));
    }

    private void deliver(Frame f) {
        if (!f.from.carrier.getOrDefault(f.fromPort, false) || f.lan.cut) {
            return; // the link went down while the frame was on it
        }
        FramedBpdu framed;
        try {
            FramePdu pdu = FrameDecoder.decode(ByteBuffer.wrap(f.bytes));
            if (!(pdu instanceof FramedBpdu fb)) {
                throw new AssertionError("the engine sent a frame the decoder does not see as a BPDU: " + pdu);
            }
            framed = fb;
        } catch (MalformedPduException e) {
            throw new AssertionError("the engine sent a BPDU its own decoder rejects", e);
        }
        for (Attachment to : List.copyOf(f.lan.attached)) {
            if (to.bridge == f.from && to.port.equals(f.fromPort)) {
                continue;
            }
            if (!to.bridge.carrier.getOrDefault(to.port, false)) {
                continue;
            }
            if (to.bridge.legacy && framed.bpdu().type() == BpduType.RST) {
                continue; // an 802.1D-1998 bridge discards BPDUs of unknown type
            }
            to.bridge.handle(to.bridge.engine.receive(to.port, framed.bpdu()));
        }
    }

    // ------------------------------------------------------------------ time

    void runFor(long millis) {
        runUntil(TimeUnit.MILLISECONDS.toNanos(millis), () -> false);
    }

    /**
     * Advances virtual time event by event (frame deliveries and each bridge's one-second
     * ticks) until {@code done} holds or the budget runs out; returns the virtual nanoseconds
     * spent.
     */
    long runUntil(long budgetNanos, BooleanSupplier done) {
        long start = now;
        long end = now + budgetNanos;
        while (!done.getAsBoolean() && now < end) {
            long next = end;
            if (!wire.isEmpty()) {
                next = Math.min(next, wire.peek().at);
            }
            for (Bridge b : bridges.values()) {
                long until = b.engine.nanosUntilNextEvent();
                if (until != Long.MAX_VALUE) {
                    next = Math.min(next, now + until);
                }
            }
            long step = next - now;
            now = next;
            for (Bridge b : bridges.values()) {
                b.handle(b.engine.tick(step));
            }
            while (!wire.isEmpty() && wire.peek().at <= now) {
                deliver(wire.poll());
            }
        }
        return now - start;
    }

    long runUntilMillis(long budgetMillis, BooleanSupplier done) {
        return runUntil(TimeUnit.MILLISECONDS.toNanos(budgetMillis), done);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }

    // ------------------------------------------------------------------ what the network looks like

    /**
     * Fails if the forwarding graph has a cycle: bridges and LANs are nodes, a port the effects
     * put in forwarding (with carrier) joins its bridge to its LAN. Frames can only circulate
     * around a cycle of that graph. Also checks that the effects agree with the engine.
     */
    void checkNoLoop() {
        loopChecks++;
        Map<Object, Object> parent = new HashMap<>();
        for (Bridge b : bridges.values()) {
            for (String port : b.portNames) {
                if (!b.engine.hasPort(port)) {
                    continue;
                }
                PortState effectState = b.dataplane.get(port);
                if (effectState != b.engine.port(port).state()) {
                    throw new AssertionError(port + ": effects say " + effectState + ", engine says "
                            + b.engine.port(port).state());
                }
                Lan l = lanOf(new Attachment(b, port));
                if (effectState != PortState.FORWARDING || l == null || !b.carrier.getOrDefault(port, false)) {
                    continue;
                }
                Object rb = find(parent, b);
                Object rl = find(parent, l);
                if (rb == rl) {
                    if (failOnLoop) {
                        throw new AssertionError(String.format("forwarding loop at %.3f s through %s (LAN %s): %s",
                                seconds(now), port, l.name, describe()));
                    }
                    if (loopSince < 0) {
                        loopSince = now;
                    }
                    return;
                }
                parent.put(rb, rl);
            }
        }
        if (loopSince >= 0) {
            loops.add(new long[] {loopSince, now});
            loopSince = -1;
        }
    }

    /** True while a recorded loop has not ended. */
    boolean inLoop() {
        return loopSince >= 0;
    }

    private static Object find(Map<Object, Object> parent, Object x) {
        Object r = x;
        while (parent.containsKey(r)) {
            r = parent.get(r);
        }
        return r;
    }

    /** Every bridge's summary, for failure messages. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (Bridge b : bridges.values()) {
            sb.append(b.name).append("[").append(b.summary()).append("] ");
        }
        return sb.toString().trim();
    }

    /** Asserts a bridge's roles and states in the compact notation of {@link Bridge#summary()}. */
    void expect(String bridgeName, String summary) {
        String actual = bridges.get(bridgeName).summary();
        if (!actual.equals(summary)) {
            throw new AssertionError(bridgeName + " shows [" + actual + "], expected [" + summary + "]; all: "
                    + describe());
        }
    }

    /** True when every bridge in {@code names} agrees that {@code root} is the root and every port is settled. */
    boolean converged(Bridge root, Bridge... others) {
        for (Bridge b : others) {
            if (!b.engine.rootId().equals(root.engine.bridgeId())) {
                return false;
            }
        }
        for (Bridge b : bridges.values()) {
            for (String p : b.portNames) {
                StpPort port = b.engine.port(p);
                boolean settled = switch (port.role()) {
                    case ROOT, DESIGNATED -> port.state() == PortState.FORWARDING;
                    case ALTERNATE, BACKUP, DISABLED -> port.state() == PortState.DISCARDING;
                };
                if (!settled) {
                    return false;
                }
            }
        }
        return true;
    }

    static Set<String> seen() {
        return new HashSet<>(TRANSITIONS_SEEN);
    }
}
