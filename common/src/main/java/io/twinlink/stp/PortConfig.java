package io.twinlink.stp;

import io.twinlink.wire.PortId;

/**
 * The management parameters of one bridge port [802.1D-2004 17.13]: name, Port Number and
 * Port Priority (together the Port Identifier, 9.2.7), Port Path Cost (0 = derived from the
 * link speed, table 17-3), AdminEdge and AutoEdge (17.13.1, 17.13.3), adminPointToPointMAC
 * (6.4.3), and two protections that are not in the standard: BPDU guard and root guard
 * ({@link Guard}).
 */
public record PortConfig(String name, int portNumber, int priority, long pathCost, boolean adminEdge,
                         boolean autoEdge, AdminPointToPoint adminPointToPoint, boolean bpduGuard,
                         boolean rootGuard) {

    public static final int DEFAULT_PRIORITY = 128;
    /** Port Path Cost 0: follow the link speed. */
    public static final long AUTO_PATH_COST = 0;

    public PortConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("port name is required");
        }
        if (portNumber < 1 || portNumber > PortId.MAX_NUMBER) {
            throw new IllegalArgumentException("port number must be 1..4095 [802.1D-2004 9.2.7], got " + portNumber);
        }
        if (priority < 0 || priority > PortId.MAX_PRIORITY || priority % PortId.PRIORITY_STEP != 0) {
            throw new IllegalArgumentException("port priority must be a multiple of 16 in 0..240"
                    + " [802.1D-2004 17.14 table 17-2], got " + priority);
        }
        if (pathCost != AUTO_PATH_COST
                && (pathCost < PathCostMethod.MIN_PATH_COST || pathCost > PathCostMethod.MAX_PATH_COST)) {
            throw new IllegalArgumentException("port path cost must be 1..200000000 [802.1D-2004 17.14 table 17-3]"
                    + " (or 0 for automatic), got " + pathCost);
        }
        if (adminPointToPoint == null) {
            throw new IllegalArgumentException("adminPointToPoint is required");
        }
    }

    /** A port with the recommended values: priority 128, automatic cost, auto-edge on, point-to-point from duplex. */
    public static PortConfig of(String name, int portNumber) {
        return new PortConfig(name, portNumber, DEFAULT_PRIORITY, AUTO_PATH_COST, false, true,
                AdminPointToPoint.AUTO, false, false);
    }

    public PortConfig withPriority(int p) {
        return new PortConfig(name, portNumber, p, pathCost, adminEdge, autoEdge, adminPointToPoint, bpduGuard,
                rootGuard);
    }

    public PortConfig withPathCost(long cost) {
        return new PortConfig(name, portNumber, priority, cost, adminEdge, autoEdge, adminPointToPoint, bpduGuard,
                rootGuard);
    }

    public PortConfig withAdminEdge(boolean edge) {
        return new PortConfig(name, portNumber, priority, pathCost, edge, autoEdge, adminPointToPoint, bpduGuard,
                rootGuard);
    }

    public PortConfig withAutoEdge(boolean auto) {
        return new PortConfig(name, portNumber, priority, pathCost, adminEdge, auto, adminPointToPoint, bpduGuard,
                rootGuard);
    }

    public PortConfig withPointToPoint(AdminPointToPoint p2p) {
        return new PortConfig(name, portNumber, priority, pathCost, adminEdge, autoEdge, p2p, bpduGuard, rootGuard);
    }

    public PortConfig withBpduGuard(boolean guard) {
        return new PortConfig(name, portNumber, priority, pathCost, adminEdge, autoEdge, adminPointToPoint, guard,
                rootGuard);
    }

    public PortConfig withRootGuard(boolean guard) {
        return new PortConfig(name, portNumber, priority, pathCost, adminEdge, autoEdge, adminPointToPoint, bpduGuard,
                guard);
    }

    public PortId portId() {
        return new PortId(priority, portNumber);
    }
}
