package io.twinlink.stp;

import io.twinlink.wire.PortId;

/**
 * The Port Role Selection state machine [802.1D-2004 17.28, figure 17-19], one per bridge:
 * whenever any port asks to reselect, it computes the bridge's root priority vector from
 * every port's received information, and from it each port's designated priority vector and
 * role (updtRolesTree).
 *
 * <p>Root guard is 802.1Q-2011's restrictedRole (13.25.36), as mstpd implements it: a
 * restricted port is never a candidate for Root Port, so superior information on it leaves it
 * Alternate (17.21.25 j) and discarding. When that information would have made it the Root
 * Port the port is "root-inconsistent", reported once on entry and once on exit.
 */
public final class PortRoleSelectionMachine extends StateMachine<PortRoleSelectionMachine.State> {

    public enum State {
        INIT_BRIDGE, ROLE_SELECTION
    }

    PortRoleSelectionMachine(StpEngine engine) {
        super("prs", engine);
    }

    @Override
    protected String owner() {
        return engine.config().name();
    }

    @Override
    protected State next(State s) {
        if (engine.begin) {
            return s == State.INIT_BRIDGE ? null : State.INIT_BRIDGE;
        }
        return switch (s) {
            case INIT_BRIDGE -> State.ROLE_SELECTION;
            case ROLE_SELECTION -> anyReselect() ? State.ROLE_SELECTION : null;
        };
    }

    private boolean anyReselect() {
        for (StpPort p : engine.portList()) {
            if (p.reselect) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void enter(State s) {
        switch (s) {
            case INIT_BRIDGE -> updtRoleDisabledTree();
            case ROLE_SELECTION -> {
                clearReselectTree();
                updtRolesTree();
                setSelectedTree();
            }
        }
    }

    /** updtRoleDisabledTree [17.21.24]: every port's selectedRole becomes DisabledPort. */
    private void updtRoleDisabledTree() {
        for (StpPort p : engine.portList()) {
            p.selectedRole = PortRole.DISABLED;
        }
    }

    /** clearReselectTree [17.21.2]. */
    private void clearReselectTree() {
        for (StpPort p : engine.portList()) {
            p.reselect = false;
        }
    }

    /** setSelectedTree [17.21.15]: selected for every port, unless one asked to reselect meanwhile. */
    private void setSelectedTree() {
        for (StpPort p : engine.portList()) {
            if (p.reselect) {
                return;
            }
        }
        for (StpPort p : engine.portList()) {
            p.selected = true;
        }
    }

    /**
     * 17.21.25 a): a port's received information is a path to the root unless this bridge sent
     * it (heard back on another port of ours: a Backup Port's LAN).
     */
    private boolean leadsToRoot(StpPort p) {
        return p.infoIs == InfoIs.RECEIVED && !fromThisBridge(p);
    }

    private boolean fromThisBridge(StpPort p) {
        return p.portPriority.designatedBridgeId().mac().equals(engine.bridgeIdentifier.mac());
    }

    /** updtRolesTree [17.21.25]. */
    private void updtRolesTree() {
        StpEngine e = engine;
        PriorityVector oldRoot = e.rootPriority;
        // a), b): the best of the bridge priority vector and every root path priority vector.
        PriorityVector best = e.bridgePriority;
        StpPort rootPort = null;
        for (StpPort p : e.portList()) {
            if (!leadsToRoot(p) || p.restrictedRole) {
                continue;
            }
            PriorityVector rootPath = p.portPriority.plusPathCost(p.portPathCost, p.portId);
            if (rootPath.compareTo(best) < 0) {
                best = rootPath;
                rootPort = p;
            }
        }
        e.rootPriority = best;
        e.rootPortId = rootPort == null ? new PortId(0, 0) : rootPort.portId;
        // c): rootTimes, one second older than the Root Port's, or our own as the root.
        e.rootTimes = rootPort == null ? e.bridgeTimes
                : rootPort.portTimes.withMessageAge(rootPort.portTimes.messageAge() + 1);
        // d), e): each port's designated priority vector and times; Hello Time is always our
        // own (not propagated from the root, as in 802.1Q-2011 and mstpd/OVS).
        for (StpPort p : e.portList()) {
            p.designatedPriority = new PriorityVector(best.rootBridgeId(), best.rootPathCost(), e.bridgeIdentifier,
                    p.portId, p.portId);
            p.designatedTimes = e.rootTimes.withHelloTime(e.bridgeTimes.helloTime());
        }
        // f)-l): the roles.
        for (StpPort p : e.portList()) {
            switch (p.infoIs) {
                case DISABLED -> p.selectedRole = PortRole.DISABLED;
                case AGED -> {
                    p.updtInfo = true;
                    p.selectedRole = PortRole.DESIGNATED;
                }
                case MINE -> {
                    p.selectedRole = PortRole.DESIGNATED;
                    if (!p.portPriority.sameAs(p.designatedPriority) || !p.portTimes.equals(p.designatedTimes)) {
                        p.updtInfo = true;
                    }
                }
                case RECEIVED -> {
                    if (p == rootPort) {
                        p.selectedRole = PortRole.ROOT;
                        p.updtInfo = false;
                    } else if (p.portPriority.betterOrSame(p.designatedPriority)) {
                        // the designated priority vector is not better: another bridge (j) or
                        // another port of ours (k) is Designated on this LAN
                        p.selectedRole = fromThisBridge(p) ? PortRole.BACKUP : PortRole.ALTERNATE;
                        p.updtInfo = false;
                    } else {
                        p.selectedRole = PortRole.DESIGNATED;
                        p.updtInfo = true;
                    }
                }
            }
            boolean inconsistent = p.restrictedRole && leadsToRoot(p)
                    && p.portPriority.plusPathCost(p.portPathCost, p.portId).compareTo(best) < 0;
            e.rootGuard(p, inconsistent);
        }
        if (!best.rootBridgeId().equals(oldRoot.rootBridgeId())) {
            e.trace().event(e.config().name(), "root bridge " + oldRoot.rootBridgeId() + " -> " + best.rootBridgeId()
                    + (rootPort == null ? " (this bridge)" : " via " + rootPort.name()));
        }
    }
}
