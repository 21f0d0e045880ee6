package io.twinlink.stp;

/**
 * The Port Role Transitions state machine [802.1D-2004 17.29]: one machine drawn in four
 * figures, one per role: Disabled (17.29.1, figure 17-20), Root (17.29.2, figure 17-21),
 * Designated (17.29.3, figure 17-22), Alternate and Backup (17.29.4, figure 17-23). It moves a
 * port to its selected role, and decides when it may learn and forward: at once after a
 * proposal/agreement handshake (a Designated Port that is agreed, a Root Port once no recent
 * Root Port is forwarding), otherwise after the forward delay timers.
 *
 * <p>A role change (the global transitions of all four figures) is taken from any state once
 * selected is set and updtInfo clear; the other transitions are qualified by the same. Where
 * several transitions out of ROOT_PORT, DESIGNATED_PORT or ALTERNATE_PORT hold at once, the
 * ones that make the port safer (discard, sync) are tried first.
 */
public final class PortRoleTransitionsMachine extends PortMachine<PortRoleTransitionsMachine.State> {

    public enum State {
        INIT_PORT, DISABLE_PORT, DISABLED_PORT,
        ROOT_PORT, ROOT_PROPOSED, ROOT_AGREED, REROOT, ROOT_FORWARD, ROOT_LEARN, REROOTED,
        DESIGNATED_PORT, DESIGNATED_PROPOSE, DESIGNATED_SYNCED, DESIGNATED_RETIRED, DESIGNATED_FORWARD,
        DESIGNATED_LEARN, DESIGNATED_DISCARD,
        BLOCK_PORT, ALTERNATE_PORT, ALTERNATE_PROPOSED, ALTERNATE_AGREED, BACKUP_PORT
    }

    PortRoleTransitionsMachine(StpPort port, StpEngine engine) {
        super("prt", port, engine);
    }

    @Override
    protected State next(State s) {
        StpPort p = port;
        if (p.begin) {
            return s == State.INIT_PORT ? null : State.INIT_PORT;
        }
        boolean ready = p.selected && !p.updtInfo;
        if (ready && p.role != p.selectedRole) {
            return switch (p.selectedRole) {
                case DISABLED -> State.DISABLE_PORT;
                case ROOT -> State.ROOT_PORT;
                case DESIGNATED -> State.DESIGNATED_PORT;
                case ALTERNATE, BACKUP -> State.BLOCK_PORT;
            };
        }
        return switch (s) {
            case INIT_PORT -> State.DISABLE_PORT;
            case DISABLE_PORT -> ready && !p.learning && !p.forwarding ? State.DISABLED_PORT : null;
            case DISABLED_PORT -> ready && (p.fdWhile != p.maxAge() || p.sync || p.reRoot || !p.synced)
                    ? State.DISABLED_PORT : null;
            case ROOT_PROPOSED, ROOT_AGREED, REROOT, ROOT_FORWARD, ROOT_LEARN, REROOTED -> State.ROOT_PORT;
            case ROOT_PORT -> ready ? fromRootPort() : null;
            case DESIGNATED_PROPOSE, DESIGNATED_SYNCED, DESIGNATED_RETIRED, DESIGNATED_FORWARD, DESIGNATED_LEARN,
                    DESIGNATED_DISCARD -> State.DESIGNATED_PORT;
            case DESIGNATED_PORT -> ready ? fromDesignatedPort() : null;
            case BLOCK_PORT -> ready && !p.learning && !p.forwarding ? State.ALTERNATE_PORT : null;
            case ALTERNATE_PROPOSED, ALTERNATE_AGREED, BACKUP_PORT -> State.ALTERNATE_PORT;
            case ALTERNATE_PORT -> ready ? fromAlternatePort() : null;
        };
    }

    /** Figure 17-21. */
    private State fromRootPort() {
        StpPort p = port;
        if (p.proposed && !p.agree) {
            return State.ROOT_PROPOSED;
        }
        if ((engine.allSynced() && !p.agree) || (p.proposed && p.agree)) {
            return State.ROOT_AGREED;
        }
        if (!p.forward && !p.reRoot) {
            return State.REROOT;
        }
        boolean mayAdvance = p.fdWhile == 0 || (engine.reRooted(p) && p.rbWhile == 0 && engine.rstpVersion());
        if (mayAdvance && !p.learn) {
            return State.ROOT_LEARN;
        }
        if (mayAdvance && p.learn && !p.forward) {
            return State.ROOT_FORWARD;
        }
        if (p.reRoot && p.forward) {
            return State.REROOTED;
        }
        return p.rrWhile != p.fwdDelay() ? State.ROOT_PORT : null;
    }

    /** Figure 17-22. */
    private State fromDesignatedPort() {
        StpPort p = port;
        if (((p.sync && !p.synced) || (p.reRoot && p.rrWhile != 0) || p.disputed) && !p.operEdge
                && (p.learn || p.forward)) {
            return State.DESIGNATED_DISCARD;
        }
        if ((!p.learning && !p.forwarding && !p.synced) || (p.agreed && !p.synced) || (p.operEdge && !p.synced)
                || (p.sync && p.synced)) {
            return State.DESIGNATED_SYNCED;
        }
        if (p.rrWhile == 0 && p.reRoot) {
            return State.DESIGNATED_RETIRED;
        }
        boolean mayAdvance = (p.fdWhile == 0 || p.agreed || p.operEdge) && (p.rrWhile == 0 || !p.reRoot) && !p.sync;
        if (mayAdvance && !p.learn) {
            return State.DESIGNATED_LEARN;
        }
        if (mayAdvance && p.learn && !p.forward) {
            return State.DESIGNATED_FORWARD;
        }
        if (!p.forward && !p.agreed && !p.proposing && !p.operEdge) {
            return State.DESIGNATED_PROPOSE;
        }
        return null;
    }

    /** Figure 17-23. */
    private State fromAlternatePort() {
        StpPort p = port;
        if (p.proposed && !p.agree) {
            return State.ALTERNATE_PROPOSED;
        }
        if ((engine.allSynced() && !p.agree) || (p.proposed && p.agree)) {
            return State.ALTERNATE_AGREED;
        }
        if (p.fdWhile != p.forwardDelay() || p.sync || p.reRoot || !p.synced) {
            return State.ALTERNATE_PORT;
        }
        if (p.rbWhile != 2 * p.helloTime() && p.role == PortRole.BACKUP) {
            return State.BACKUP_PORT;
        }
        return null;
    }

    @Override
    protected void enter(State s) {
        StpPort p = port;
        switch (s) {
            case INIT_PORT -> {
                p.role = PortRole.DISABLED;
                p.learn = false;
                p.forward = false;
                p.synced = false;
                p.sync = true;
                p.reRoot = true;
                p.rrWhile = p.fwdDelay();
                p.fdWhile = p.maxAge();
                p.rbWhile = 0;
            }
            case DISABLE_PORT -> {
                p.role = p.selectedRole;
                p.learn = false;
                p.forward = false;
            }
            case DISABLED_PORT -> {
                p.fdWhile = p.maxAge();
                p.synced = true;
                p.rrWhile = 0;
                p.sync = false;
                p.reRoot = false;
            }
            case ROOT_PORT -> {
                p.role = PortRole.ROOT;
                p.rrWhile = p.fwdDelay();
            }
            case ROOT_PROPOSED -> {
                setSyncTree();
                p.proposed = false;
            }
            case ROOT_AGREED -> {
                p.proposed = false;
                p.sync = false;
                p.agree = true;
                p.newInfo = true;
            }
            case REROOT -> setReRootTree();
            case ROOT_FORWARD -> {
                p.fdWhile = 0;
                p.forward = true;
            }
            case ROOT_LEARN -> {
                p.fdWhile = p.forwardDelay();
                p.learn = true;
            }
            case REROOTED -> p.reRoot = false;
            case DESIGNATED_PORT -> p.role = PortRole.DESIGNATED;
            case DESIGNATED_PROPOSE -> {
                p.proposing = true;
                p.edgeDelayWhile = p.edgeDelay();
                p.newInfo = true;
            }
            case DESIGNATED_SYNCED -> {
                p.rrWhile = 0;
                p.synced = true;
                p.sync = false;
            }
            case DESIGNATED_RETIRED -> p.reRoot = false;
            case DESIGNATED_FORWARD -> {
                p.forward = true;
                p.fdWhile = 0;
                p.agreed = p.sendRSTP;
            }
            case DESIGNATED_LEARN -> {
                p.learn = true;
                p.fdWhile = p.forwardDelay();
            }
            case DESIGNATED_DISCARD -> {
                p.learn = false;
                p.forward = false;
                p.disputed = false;
                p.fdWhile = p.forwardDelay();
            }
            case BLOCK_PORT -> {
                p.role = p.selectedRole;
                p.learn = false;
                p.forward = false;
            }
            case ALTERNATE_PORT -> {
                p.fdWhile = p.forwardDelay();
                p.synced = true;
                p.rrWhile = 0;
                p.sync = false;
                p.reRoot = false;
            }
            case ALTERNATE_PROPOSED -> {
                setSyncTree();
                p.proposed = false;
            }
            case ALTERNATE_AGREED -> {
                p.proposed = false;
                p.agree = true;
                p.newInfo = true;
            }
            case BACKUP_PORT -> p.rbWhile = 2 * p.helloTime();
        }
    }

    /** setSyncTree [17.21.16]: every port must get in sync (discard, or be agreed) with the new root information. */
    private void setSyncTree() {
        for (StpPort q : engine.portList()) {
            q.sync = true;
        }
    }

    /** setReRootTree [17.21.14]: every port must stop forwarding if it was a recent Root Port. */
    private void setReRootTree() {
        for (StpPort q : engine.portList()) {
            q.reRoot = true;
        }
    }
}
