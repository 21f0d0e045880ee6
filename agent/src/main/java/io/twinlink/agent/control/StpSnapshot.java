package io.twinlink.agent.control;

import io.twinlink.stp.BridgeView;
import io.twinlink.stp.PortView;
import io.twinlink.stp.StpEngine;
import io.twinlink.stp.StpPortCounters;
import io.twinlink.wire.BridgeId;
import io.twinlink.wire.MacAddress;
import java.util.List;

/**
 * {@code show stp} (DESIGN.md contract): the bridge, the root it agrees on, and every port's
 * role and state. Bridge IDs have the shape {@code decode --json} uses for BPDUs
 * ({@code {priority, systemIdExtension, mac}}) and port IDs are the 16-bit value on the wire.
 *
 * @param rootPort {@code null} when this bridge is the root
 */
public record StpSnapshot(String bridge, String mode, Id bridgeId, Id rootId, String rootPort, long rootPathCost,
                          long topologyChanges, boolean topologyChange, List<Port> ports) {

    /** A Bridge Identifier [802.1D-2004 9.2.5]. */
    public record Id(int priority, int systemIdExtension, MacAddress mac) {
        static Id of(BridgeId id) {
            return new Id(id.priority(), id.systemIdExtension(), id.mac());
        }

        @Override
        public String toString() {
            return String.format("%d.%d.%s", priority, systemIdExtension, mac);
        }
    }

    /**
     * @param role  {@code root | designated | alternate | backup | disabled}
     * @param state {@code discarding | learning | forwarding}
     * @param protocol {@code rstp}, or {@code stp} towards an 802.1D bridge
     * @param guard the guard holding the port, or {@code null}
     * @param counters the port's statistics, including how often each guard acted
     */
    public record Port(String name, int portId, String role, String state, long pathCost, boolean edge,
                       Id designatedRoot, Id designatedBridge, boolean pointToPoint, String protocol, String guard,
                       Counters counters) {
    }

    /**
     * A copy of a port's {@link StpPortCounters} (IEEE8021-SPANNING-TREE-MIB names there).
     * {@code bpduGuardActions} and {@code rootGuardActions} count the times a guard acted.
     */
    public record Counters(long rstRx, long configRx, long tcnRx, long rstTx, long configTx, long tcnTx,
                           long forwardTransitions, long invalidRx, long bpduGuardActions, long rootGuardActions) {
        static Counters of(StpPortCounters c) {
            return new Counters(c.rstRx(), c.configRx(), c.tcnRx(), c.rstTx(), c.configTx(), c.tcnTx(),
                    c.forwardTransitions(), c.invalidRx(), c.bpduGuardActions(), c.rootGuardActions());
        }
    }

    /** Built on the event loop from the engine's own view and counters. */
    public static StpSnapshot of(StpEngine engine) {
        BridgeView v = engine.view();
        List<Port> ports = v.ports().stream().map(p -> port(p, engine.port(p.name()).counters())).toList();
        return new StpSnapshot(v.name(), v.forceVersion().name().toLowerCase(), Id.of(v.bridgeId()), Id.of(v.rootId()),
                v.rootPort(), v.rootPathCost(), v.topologyChanges(), v.topologyChange(), ports);
    }

    private static Port port(PortView p, StpPortCounters counters) {
        return new Port(p.name(), p.portId().value(), p.role().jsonName(), p.state().jsonName(), p.pathCost(),
                p.edge(), Id.of(p.designatedRoot()), Id.of(p.designatedBridge()), p.pointToPoint(), p.protocol(),
                p.guard(), Counters.of(counters));
    }
}
