package io.twinlink.mlag;

import io.twinlink.lacp.LacpSystem;
import io.twinlink.wire.MacAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Two {@link MlagPair}s joined by a simulated peer-link (a connection that can be cut, that
 * reconnects by itself, and that closes with a FIN when one side drops it or dies cleanly)
 * and a simulated backup path, on a virtual clock advancing in 1 ms steps. Messages take up
 * to one step. What each node's effects did is recorded: protodown per bundle (with the
 * time of every change), advertised System ID, messages sent.
 */
final class PairTestbed {

    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    static final long STEP = MS;
    static final long RECONNECT_DELAY = 100 * MS;
    static final MacAddress SHARED_MAC = MacAddress.of(0x0200000000aaL);

    final Node a;
    final Node b;
    long now;
    boolean peerLinkCut;
    boolean backupCut;
    private boolean connected;
    private long epoch;
    private long reconnectAt;

    record Transition(long at, int mlagId, boolean protodown, String reason) {
    }

    record Sent(long at, PeerMessage message) {
    }

    private record InFlight(long epoch, PeerMessage message) {
    }

    final class Node {
        final String name;
        Hello hello;
        PairTimers timers;
        boolean backup;
        MlagPair pair;
        boolean alive;
        final Map<Integer, Boolean> protodown = new HashMap<>();
        final List<Transition> transitions = new ArrayList<>();
        final List<Sent> sent = new ArrayList<>();
        final List<Keepalive> keepalivesSent = new ArrayList<>();
        final List<MlagEffect> effects = new ArrayList<>();
        LacpSystem advertised;
        int advertiseChanges;
        private List<InFlight> inbox = new ArrayList<>();
        private List<Keepalive> backupInbox = new ArrayList<>();

        Node(String name, Hello hello, PairTimers timers, boolean backup) {
            this.name = name;
            this.hello = hello;
            this.timers = timers;
            this.backup = backup;
        }

        Node other() {
            return this == a ? b : a;
        }

        void boot() {
            pair = new MlagPair(hello, timers, backup);
            alive = true;
            protodown.clear();
            inbox = new ArrayList<>();
            backupInbox = new ArrayList<>();
            apply(pair.start());
        }

        boolean down(int mlagId) {
            Boolean d = protodown.get(mlagId);
            if (d == null) {
                throw new AssertionError(name + " has no protodown decision for mlag-id " + mlagId);
            }
            return d;
        }

        boolean allUp() {
            return protodown.values().stream().noneMatch(d -> d);
        }

        boolean allDown() {
            return !protodown.isEmpty() && protodown.values().stream().allMatch(d -> d);
        }

        Role role() {
            return pair.role();
        }

        /** When this bundle was last released, or -1. */
        long lastRelease(int mlagId) {
            long at = -1;
            for (Transition t : transitions) {
                if (t.mlagId() == mlagId && !t.protodown()) {
                    at = t.at();
                }
            }
            return at;
        }

        /** Changes of the protodown flag itself (not of its reason) for one bundle. */
        List<Transition> flagChanges(int mlagId) {
            List<Transition> out = new ArrayList<>();
            Boolean last = null;
            for (Transition t : transitions) {
                if (t.mlagId() == mlagId && (last == null || last != t.protodown())) {
                    out.add(t);
                    last = t.protodown();
                }
            }
            return out;
        }

        <T extends PeerMessage> List<T> sentOfType(Class<T> type) {
            List<T> out = new ArrayList<>();
            for (Sent s : sent) {
                if (type.isInstance(s.message())) {
                    out.add(type.cast(s.message()));
                }
            }
            return out;
        }

        void apply(List<MlagEffect> list) {
            for (MlagEffect e : list) {
                effects.add(e);
                if (e instanceof MlagEffect.Send s) {
                    sent.add(new Sent(now, s.message()));
                    if (connected) {
                        other().inbox.add(new InFlight(epoch, s.message()));
                    }
                } else if (e instanceof MlagEffect.SendKeepalive k) {
                    keepalivesSent.add(k.keepalive());
                    if (!backupCut && other().alive) {
                        other().backupInbox.add(k.keepalive());
                    }
                } else if (e instanceof MlagEffect.DropPeerLink) {
                    disconnect(this);
                } else if (e instanceof MlagEffect.SetProtodown p) {
                    protodown.put(p.mlagId(), p.protodown());
                    transitions.add(new Transition(now, p.mlagId(), p.protodown(), p.reason()));
                } else if (e instanceof MlagEffect.AdvertiseSystem adv) {
                    advertised = adv.system();
                    advertiseChanges++;
                }
            }
        }

        private void deliver() {
            List<InFlight> msgs = inbox;
            inbox = new ArrayList<>();
            for (InFlight m : msgs) {
                if (alive && m.epoch() == epoch && connected) {
                    apply(pair.receive(m.message()));
                }
            }
            List<Keepalive> kas = backupInbox;
            backupInbox = new ArrayList<>();
            for (Keepalive k : kas) {
                if (alive) {
                    apply(pair.backupHeard(k));
                }
            }
        }
    }

    PairTestbed(Hello helloA, Hello helloB, PairTimers timers, boolean backup) {
        a = new Node("A", helloA, timers, backup);
        b = new Node("B", helloB, timers, backup);
    }

    /** Both nodes start at the same instant. */
    PairTestbed bootBoth() {
        a.boot();
        b.boot();
        reconnectAt = now;
        return this;
    }

    static Hello hello(int nodePriority, long nodeMac, int portOffset, BundleProfile... bundles) {
        return new Hello(1, 1, 32768, SHARED_MAC, new NodeId(nodePriority, MacAddress.of(nodeMac)), portOffset,
                SpanningTreeMode.RSTP, List.of(bundles));
    }

    static BundleProfile bundle(int mlagId, int key) {
        return new BundleProfile(mlagId, key, 1, true);
    }

    /** One millisecond: both nodes tick, then everything sent so far is delivered. */
    void step() {
        now += STEP;
        if (!connected && a.alive && b.alive && !peerLinkCut && now >= reconnectAt) {
            connected = true;
            epoch++;
            a.apply(a.pair.peerLinkUp());
            b.apply(b.pair.peerLinkUp());
        }
        for (Node n : List.of(a, b)) {
            if (n.alive) {
                n.apply(n.pair.tick(STEP));
            }
        }
        a.deliver();
        b.deliver();
    }

    void runFor(long nanos) {
        long end = now + nanos;
        while (now < end) {
            step();
        }
    }

    /** Runs until the condition holds; returns how long that took. Fails after {@code limit}. */
    long runUntil(long limit, BooleanSupplier condition) {
        long start = now;
        while (!condition.getAsBoolean()) {
            if (now - start >= limit) {
                throw new AssertionError("condition not reached within " + limit / MS + " ms");
            }
            step();
        }
        return now - start;
    }

    /** The peer-link's cable is cut: nothing passes, no FIN reaches either side. */
    void cutPeerLink() {
        peerLinkCut = true;
        if (connected) {
            connected = false;
            epoch++;
        }
    }

    void restorePeerLink() {
        peerLinkCut = false;
        reconnectAt = now;
    }

    /**
     * One side closes the connection (a drop, or a process that dies): the other side hears
     * the FIN unless the cable is cut.
     */
    private void disconnect(Node closer) {
        if (!connected) {
            return;
        }
        connected = false;
        epoch++;
        reconnectAt = now + RECONNECT_DELAY;
        Node other = closer.other();
        if (other.alive && other.pair.peerLinkConnected()) {
            other.apply(other.pair.peerLinkDown());
        }
        if (closer.alive && closer.pair.peerLinkConnected()) {
            closer.apply(closer.pair.peerLinkDown());
        }
    }

    /** kill -9: the process is gone; the kernel closes its socket (the peer hears a FIN). */
    void kill(Node n) {
        n.alive = false;
        disconnect(n);
    }

    /** The process hangs (or its host loses power): nothing more is sent, no FIN. */
    void freeze(Node n) {
        n.alive = false;
        if (connected) {
            connected = false;
            epoch++;
            reconnectAt = now + RECONNECT_DELAY;
        }
    }

    /** A one-off reconnect: the connection drops with a FIN and comes back after {@code after}. */
    void bounceConnection(long after) {
        disconnect(a);
        reconnectAt = now + after;
    }
}
