package io.twinlink.agent.daemon;

import io.twinlink.agent.dataplane.BridgeDataplane;
import io.twinlink.stp.BridgeConfig;
import io.twinlink.stp.PortConfig;
import io.twinlink.stp.StpEngine;
import io.twinlink.stp.StpPort;
import io.twinlink.fsm.MachineTrace;
import io.twinlink.wire.MacAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Two RSTP bridges on one virtual loop, joined by two cables (x1-y1, x2-y2): X is root (lower
 * priority), so one of Y's ports is its root port and the other an alternate, discarding.
 * Each bridge's port states go to an in-memory {@link BridgeDataplane} that records them.
 */
final class StpPair {

    final VirtualLoop loop = new VirtualLoop();
    /** "Y:y2:discarding" for every port state the runtimes set. */
    final List<String> portStates = new ArrayList<>();
    private final Map<String, Integer> sentOn = new HashMap<>();
    final StpRuntime x;
    final StpRuntime y;
    private final Map<String, StpRuntime> ownerOf = new HashMap<>();
    private final Map<String, String> cable = Map.of("x1", "y1", "x2", "y2", "y1", "x1", "y2", "x2");

    StpPair() {
        x = bridge("X", 0x020000000c00L, 4096, "x1", "x2");
        y = bridge("Y", 0x020000000d00L, 32768, "y1", "y2");
    }

    static MacAddress portMac(String port) {
        return MacAddress.of((port.startsWith("x") ? 0x020000000c00L : 0x020000000d00L)
                + Integer.parseInt(port.substring(1)));
    }

    private StpRuntime bridge(String name, long mac, int priority, String p1, String p2) {
        StpEngine engine = new StpEngine(BridgeConfig.of(name, MacAddress.of(mac)).withPriority(priority), MachineTrace.NONE);
        engine.addPort(PortConfig.of(p1, 1));
        engine.addPort(PortConfig.of(p2, 2));
        FrameSink wire = (port, frame) -> {
            sentOn.merge(port, 1, Integer::sum);
            String far = cable.get(port);
            loop.schedule(() -> ownerOf.get(far).onFrame(far, frame), 0);
        };
        BridgeDataplane recorder = new BridgeDataplane() {
            @Override
            public void setPortState(String port, PortState state) {
                portStates.add(name + ":" + port + ":" + state.name().toLowerCase());
            }

            @Override
            public void flushFdb(String port) {
                // nothing learned in memory
            }

            @Override
            public void close() {
                // nothing to undo
            }
        };
        StpRuntime rt = new StpRuntime(engine, loop, loop::now, wire, recorder, CaptureSink.NONE,
                Map.of(p1, portMac(p1), p2, portMac(p2)));
        ownerOf.put(p1, rt);
        ownerOf.put(p2, rt);
        return rt;
    }

    /** Starts both bridges, links up, and lets RSTP converge (proposal/agreement: well within 10 s). */
    StpPair converged() {
        x.start();
        y.start();
        for (String p : List.of("x1", "x2")) {
            x.onLink(p, true, true, 10_000);
        }
        for (String p : List.of("y1", "y2")) {
            y.onLink(p, true, true, 10_000);
        }
        loop.runFor(10 * LacpPair.S);
        return this;
    }

    /** BPDUs a port has sent so far. */
    int sentOn(String port) {
        return sentOn.getOrDefault(port, 0);
    }

    /** Each port's role and state, e.g. {@code "y2=alternate/discarding"}, in a stable order. */
    String tree() {
        return java.util.stream.Stream.of(x, y).flatMap(b -> b.engine().ports().stream())
                .map(StpPair::describe).collect(Collectors.joining(", "));
    }

    private static String describe(StpPort p) {
        return p.name() + "=" + p.role().name().toLowerCase() + "/" + p.state().name().toLowerCase();
    }
}
