package io.twinlink.stp;

import io.twinlink.wire.BridgeId;
import java.util.List;

/**
 * What {@code show stp} reports about the bridge (DESIGN.md contract: bridgeId, rootId,
 * rootPort, rootPathCost, topologyChanges, ports), plus the operational timers and whether a
 * topology change is in progress. A snapshot: it does not change with the engine.
 *
 * @param rootPort         the Root Port's name, or {@code null} when this bridge is the root
 * @param topologyChanges  dot1dStpTopChanges: how many times a topology change began
 * @param sinceTopologyChangeNanos virtual time since the last one began, or -1 if none ever did
 * @param rootTimes        the root's Max Age and Forward Delay as this bridge uses them, and the
 *                         Message Age of its information
 */
public record BridgeView(String name, BridgeId bridgeId, BridgeId rootId, String rootPort, long rootPathCost,
                         ForceProtocolVersion forceVersion, long topologyChanges, boolean topologyChange,
                         long sinceTopologyChangeNanos, Times rootTimes, List<PortView> ports) {

    public BridgeView {
        ports = List.copyOf(ports);
    }

    public boolean isRoot() {
        return rootPort == null;
    }
}
