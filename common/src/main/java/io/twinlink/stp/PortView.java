package io.twinlink.stp;

import io.twinlink.wire.BridgeId;
import io.twinlink.wire.PortId;

/**
 * One port as {@code show stp} reports it (DESIGN.md contract: name, portId, role, state,
 * pathCost, edge, designatedRoot, designatedBridge), plus the designated port and cost
 * (BRIDGE-MIB dot1dStpPortDesignatedPort/Cost), whether the link is point-to-point, which
 * protocol the port speaks ({@code rstp}, or {@code stp} towards an 802.1D bridge) and the
 * guard holding it, if any ({@link Guard#label()}).
 */
public record PortView(String name, PortId portId, PortRole role, PortState state, long pathCost, boolean edge,
                       BridgeId designatedRoot, BridgeId designatedBridge, PortId designatedPort,
                       long designatedCost, boolean pointToPoint, String protocol, String guard) {
}
