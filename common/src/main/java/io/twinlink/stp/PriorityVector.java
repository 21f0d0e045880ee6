package io.twinlink.stp;

import io.twinlink.wire.BridgeId;
import io.twinlink.wire.PortId;

/**
 * A spanning tree priority vector [802.1D-2004 17.5, 17.6]: Root Bridge Identifier, Root Path
 * Cost, Designated Bridge Identifier, Designated Port Identifier, and the identifier of the
 * port on which it was received (the tie-breaker between two ports that hear the same
 * Designated Port). Each component is compared in turn, lower is better.
 */
public record PriorityVector(BridgeId rootBridgeId, long rootPathCost, BridgeId designatedBridgeId,
                             PortId designatedPortId, PortId bridgePortId) implements Comparable<PriorityVector> {

    /** Root Path Cost is an unsigned 32-bit number on the wire [9.2.6]; sums saturate there. */
    public static final long MAX_ROOT_PATH_COST = 0xFFFF_FFFFL;

    public PriorityVector {
        if (rootBridgeId == null || designatedBridgeId == null || designatedPortId == null || bridgePortId == null) {
            throw new IllegalArgumentException("every component of a priority vector is required");
        }
        if (rootPathCost < 0 || rootPathCost > MAX_ROOT_PATH_COST) {
            throw new IllegalArgumentException("root path cost is unsigned 32-bit, got " + rootPathCost);
        }
    }

    /** All five components [17.6]: how root path priority vectors are ranked (17.21.25 b). */
    @Override
    public int compareTo(PriorityVector o) {
        int c = compareDesignation(o);
        return c != 0 ? c : bridgePortId.compareTo(o.bridgePortId);
    }

    /**
     * The four components a BPDU carries: how a message priority vector is set against a port
     * priority vector (both belong to the same receiving port, so the fifth is equal anyway).
     */
    int compareDesignation(PriorityVector o) {
        int c = rootBridgeId.compareTo(o.rootBridgeId);
        if (c != 0) {
            return c;
        }
        c = Long.compare(rootPathCost, o.rootPathCost);
        if (c != 0) {
            return c;
        }
        c = designatedBridgeId.compareTo(o.designatedBridgeId);
        return c != 0 ? c : designatedPortId.compareTo(o.designatedPortId);
    }

    /** Better than or the same as {@code o} (betterorsameInfo, 17.21.1). */
    boolean betterOrSame(PriorityVector o) {
        return compareDesignation(o) <= 0;
    }

    boolean sameAs(PriorityVector o) {
        return compareDesignation(o) == 0;
    }

    /**
     * "Superior" as 17.6 defines it for a message against a port priority vector: better, or
     * sent by the same Designated Bridge (Bridge Address) and Designated Port (Port Number), so
     * that a Designated Bridge can make its own information worse. The same vector is not
     * superior: that is RepeatedDesignatedInfo (17.21.8 b).
     */
    boolean isSuperiorTo(PriorityVector port) {
        if (sameAs(port)) {
            return false;
        }
        boolean sameSender = designatedBridgeId.mac().equals(port.designatedBridgeId.mac())
                && designatedPortId.number() == port.designatedPortId.number();
        return compareDesignation(port) < 0 || sameSender;
    }

    /** The root path priority vector through a port of this cost [17.6, 17.21.25 a)]. */
    PriorityVector plusPathCost(long portPathCost, PortId receivingPort) {
        long cost = Math.min(MAX_ROOT_PATH_COST, rootPathCost + portPathCost);
        return new PriorityVector(rootBridgeId, cost, designatedBridgeId, designatedPortId, receivingPort);
    }

    @Override
    public String toString() {
        return "{root " + rootBridgeId + " cost " + rootPathCost + " bridge " + designatedBridgeId
                + " port " + designatedPortId + " via " + bridgePortId + "}";
    }
}
