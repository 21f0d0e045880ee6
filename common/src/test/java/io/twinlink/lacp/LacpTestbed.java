package io.twinlink.lacp;

import io.twinlink.fsm.MachineTrace;

import io.twinlink.wire.Lacpdu;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.MalformedPduException;
import io.twinlink.wire.MarkerPdu;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A few LACP systems joined by simulated point-to-point links, on one virtual clock: the
 * harness OVS's test-rstp.c has for RSTP, for LACP. Every LACPDU crosses the "wire" as bytes
 * (encoded, then decoded), so the codecs are part of every scenario.
 *
 * <pre>
 *   LacpTestbed t = new LacpTestbed();
 *   Sys a = t.system("A", 0x0a), b = t.system("B", 0x0b);
 *   a.bundle(BundleConfig.of("bond0", 10), PortConfig.active("a1", 1), PortConfig.active("a2", 2));
 *   ...
 *   t.link(a, "a1", b, "b1"); t.runFor(3_000);
 * </pre>
 */
final class LacpTestbed {

    /** Every (machine, from, to) transition seen by any testbed, for the coverage check. */
    static final Set<String> TRANSITIONS_SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    final Map<String, Sys> systems = new LinkedHashMap<>();
    private final List<Link> links = new ArrayList<>();
    private final ArrayDeque<Runnable> wire = new ArrayDeque<>();
    long now;

    /** One LACP system under test, with a log of what it sent and did. */
    final class Sys {
        final String name;
        final LacpEngine engine;
        final List<Sent> sent = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        final Map<String, LacpEffect.MemberForwarding> forwarding = new HashMap<>();
        final List<Transition> transitions = new ArrayList<>();
        private boolean stopped;

        Sys(String name, LacpSystem id) {
            this.name = name;
            this.engine = new LacpEngine(id, new MachineTrace() {
                @Override
                public void transition(String machine, String port, Enum<?> from, Enum<?> to) {
                    transitions.add(new Transition(Sys.this.engine.now(), machine, port, from, to));
                    TRANSITIONS_SEEN.add(machine + ":" + from + "->" + to);
                }

                @Override
                public void event(String port, String what) {
                    events.add(port + ": " + what);
                }
            });
        }

        Sys bundle(BundleConfig bundle, PortConfig... ports) {
            engine.addBundle(bundle);
            for (PortConfig p : ports) {
                handle(engine.addPort(bundle.name(), p));
            }
            return this;
        }

        AggregationPort port(String name) {
            return engine.port(name);
        }

        MuxMachine.State mux(String port) {
            return engine.port(port).muxState();
        }

        boolean forwarding(String port) {
            LacpEffect.MemberForwarding f = forwarding.get(port);
            return f != null && f.collecting() && f.distributing();
        }

        /** The engine's final LACPDUs after {@link LacpEngine#shutdown()}; it must not run again. */
        void shutdown() {
            stopped = true;
            handle(engine.shutdown());
        }

        void handle(List<LacpEffect> effects) {
            if (!stopped) {
                assertSettledEverywhere();
            }
            for (LacpEffect e : effects) {
                if (e instanceof LacpEffect.SendLacpdu s) {
                    sent.add(new Sent(now, s.port(), s.pdu()));
                    deliver(this, s.port(), s.pdu().encode(), true);
                } else if (e instanceof LacpEffect.SendMarker m) {
                    deliver(this, m.port(), m.pdu().encode(), false);
                } else if (e instanceof LacpEffect.MemberForwarding f) {
                    forwarding.put(f.port(), f);
                }
            }
        }

        /**
         * The engine runs only the bundles an event touched; every other bundle must already be
         * stable. Checked after every event of every scenario: running all machines of all
         * bundles again changes no state and produces nothing.
         */
        private void assertSettledEverywhere() {
            int before = transitions.size();
            List<LacpEffect> more = engine.settleAll();
            if (!more.isEmpty() || transitions.size() != before) {
                throw new AssertionError(name + ": machines outside the event's bundle were not settled: effects "
                        + more + ", transitions " + transitions.subList(before, transitions.size()));
            }
        }

        /** LACPDUs this system sent on one port, in order. */
        List<Sent> sentOn(String port) {
            return sent.stream().filter(s -> s.port.equals(port)).toList();
        }

        long firstTime(String port, String machine, Enum<?> to) {
            return transitions.stream()
                    .filter(t -> t.port.equals(port) && t.machine.equals(machine) && t.to == to)
                    .mapToLong(t -> t.at).findFirst().orElse(-1);
        }

        long lastTime(String port, String machine, Enum<?> to) {
            return transitions.stream()
                    .filter(t -> t.port.equals(port) && t.machine.equals(machine) && t.to == to)
                    .mapToLong(t -> t.at).reduce((x, y) -> y).orElse(-1);
        }
    }

    record Sent(long at, String port, Lacpdu pdu) {
    }

    /** {@code at} is the engine's own virtual time when the state was entered. */
    record Transition(long at, String machine, String port, Enum<?> from, Enum<?> to) {
    }

    /** A full-duplex cable between two ports; either direction can be silenced, or the cable cut. */
    final class Link {
        final Sys a;
        final String aPort;
        final Sys b;
        final String bPort;
        boolean up;
        boolean silentFromA;
        boolean silentFromB;

        Link(Sys a, String aPort, Sys b, String bPort) {
            this.a = a;
            this.aPort = aPort;
            this.b = b;
            this.bPort = bPort;
        }

        void setCarrier(boolean carrier) {
            up = carrier;
            a.handle(a.engine.linkChanged(aPort, carrier, true, 10_000));
            b.handle(b.engine.linkChanged(bPort, carrier, true, 10_000));
            drainWire();
        }
    }

    Sys system(String name, long mac) {
        return system(name, 32768, mac);
    }

    Sys system(String name, int priority, long mac) {
        Sys s = new Sys(name, new LacpSystem(priority, MacAddress.of(0x020000000000L | mac)));
        systems.put(name, s);
        return s;
    }

    /** Cables two ports and brings both links up. */
    Link link(Sys a, String aPort, Sys b, String bPort) {
        Link l = new Link(a, aPort, b, bPort);
        links.add(l);
        l.setCarrier(true);
        return l;
    }

    private void deliver(Sys from, String port, byte[] bytes, boolean lacp) {
        for (Link l : links) {
            boolean fromA = l.a == from && l.aPort.equals(port);
            boolean fromB = l.b == from && l.bPort.equals(port);
            if (!l.up || (!fromA && !fromB) || (fromA && l.silentFromA) || (fromB && l.silentFromB)) {
                continue;
            }
            Sys to = fromA ? l.b : l.a;
            String toPort = fromA ? l.bPort : l.aPort;
            wire.add(() -> {
                try {
                    ByteBuffer buf = ByteBuffer.wrap(bytes);
                    to.handle(lacp ? to.engine.receive(toPort, Lacpdu.decode(buf))
                            : to.engine.receiveMarker(toPort, MarkerPdu.decode(buf)));
                } catch (MalformedPduException e) {
                    throw new AssertionError("the engine sent a PDU its own decoder rejects", e);
                }
            });
        }
    }

    void drainWire() {
        int guard = 0;
        while (!wire.isEmpty()) {
            if (++guard > 100_000) {
                throw new AssertionError("frames ping-pong forever between the systems");
            }
            wire.poll().run();
        }
    }

    /** Advances virtual time by {@code millis}, waking each engine exactly when it asks to be woken. */
    void runFor(long millis) {
        runUntil(TimeUnit.MILLISECONDS.toNanos(millis), () -> false);
    }

    /**
     * Advances virtual time until {@code done} holds (checked after every event) or the budget
     * runs out; returns the virtual nanoseconds spent.
     */
    long runUntil(long budgetNanos, BooleanSupplier done) {
        long start = now;
        long end = now + budgetNanos;
        drainWire();
        while (!done.getAsBoolean() && now < end) {
            long step = end - now;
            for (Sys s : systems.values()) {
                step = Math.min(step, s.engine.nanosUntilNextEvent());
            }
            now += step;
            for (Sys s : systems.values()) {
                s.handle(s.engine.tick(step));
            }
            drainWire();
        }
        return now - start;
    }

    long runUntilMillis(long budgetMillis, BooleanSupplier done) {
        return runUntil(TimeUnit.MILLISECONDS.toNanos(budgetMillis), done);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static Set<String> seen() {
        return new HashSet<>(TRANSITIONS_SEEN);
    }
}
