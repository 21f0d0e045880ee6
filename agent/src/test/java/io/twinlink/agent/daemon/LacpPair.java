package io.twinlink.agent.daemon;

import io.twinlink.lacp.BundleConfig;
import io.twinlink.lacp.LacpEngine;
import io.twinlink.lacp.LacpSystem;
import io.twinlink.fsm.MachineTrace;
import io.twinlink.lacp.PortConfig;
import io.twinlink.wire.MacAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Two LACP runtimes (engine + event-loop glue) joined back to back through their frame sinks
 * on one virtual loop: system A with ports a1, a2 and system B with b1, b2, cabled a1-b1 and
 * a2-b2, one two-member bundle each. What the daemon does with frames, timers and effects,
 * without sockets.
 */
final class LacpPair {

    static final long S = TimeUnit.SECONDS.toNanos(1);
    static final long MAC_A = 0x020000000a00L;
    static final long MAC_B = 0x020000000b00L;

    final VirtualLoop loop = new VirtualLoop();
    /** "A:a1:true" each time a member of A or B starts or stops collecting and distributing. */
    final List<String> forwarding = new ArrayList<>();
    /** Every frame recorded to a capture, both directions, both systems. */
    final List<byte[]> captured = new ArrayList<>();
    final List<byte[]> sentByA = new ArrayList<>();
    final Map<String, Integer> sentOn = new HashMap<>();
    final LacpRuntime a;
    final LacpRuntime b;
    private final Map<String, LacpRuntime> ownerOf = new HashMap<>();
    private final Map<String, String> cable = Map.of("a1", "b1", "a2", "b2", "b1", "a1", "b2", "a2");

    LacpPair() {
        a = runtime("A", MAC_A, "a1", "a2");
        b = runtime("B", MAC_B, "b1", "b2");
    }

    /** The MAC address of a port: the system's plus the port number. */
    static MacAddress portMac(String port) {
        long system = port.startsWith("a") ? MAC_A : MAC_B;
        return MacAddress.of(system + Integer.parseInt(port.substring(1)));
    }

    private LacpRuntime runtime(String name, long mac, String p1, String p2) {
        LacpEngine engine = new LacpEngine(new LacpSystem(32768, MacAddress.of(mac)), MachineTrace.NONE);
        engine.addBundle(BundleConfig.of("bond0", 10));
        engine.addPort("bond0", PortConfig.active(p1, 1));
        engine.addPort("bond0", PortConfig.active(p2, 2));
        FrameSink wire = (port, frame) -> {
            if (name.equals("A")) {
                sentByA.add(frame);
            }
            sentOn.merge(port, 1, Integer::sum);
            String far = cable.get(port);
            loop.schedule(() -> ownerOf.get(far).onFrame(far, frame), 0);
        };
        LacpRuntime rt = new LacpRuntime(engine, loop, loop::now, wire,
                (bundle, port, c, d) -> forwarding.add(name + ":" + port + ":" + (c && d)),
                (port, dir, frame) -> captured.add(frame), Map.of(p1, portMac(p1), p2, portMac(p2)));
        ownerOf.put(p1, rt);
        ownerOf.put(p2, rt);
        return rt;
    }

    /** Starts both, brings every link up and lets the aggregate form (3 s: the 2 s aggregate wait and change). */
    LacpPair upAndRunning() {
        start();
        for (String p : List.of("a1", "a2")) {
            a.onLink(p, true, true, 10_000);
        }
        for (String p : List.of("b1", "b2")) {
            b.onLink(p, true, true, 10_000);
        }
        loop.runFor(3 * S);
        if (!forwarding.containsAll(List.of("A:a1:true", "A:a2:true", "B:b1:true", "B:b2:true"))) {
            throw new AssertionError("the pair did not aggregate: " + forwarding);
        }
        return this;
    }

    void start() {
        a.start();
        b.start();
    }

    int sentOn(String port) {
        return sentOn.getOrDefault(port, 0);
    }
}
