package io.twinlink.stp;

/**
 * The Topology Change state machine [802.1D-2004 17.31, figure 17-25]: a non-edge port that
 * starts forwarding as Root or Designated Port is a topology change (DETECTED); so is a
 * change notified by a neighbour (TC flag, or an 802.1D TCN). Either way every other port
 * flushes what it learned (fdbFlush, via tcProp) and sends TC for tcWhile, so the change
 * travels the whole tree; a port that stops learning flushes its own entries (INACTIVE).
 */
public final class TopologyChangeMachine extends PortMachine<TopologyChangeMachine.State> {

    public enum State {
        INACTIVE, LEARNING, DETECTED, ACTIVE, NOTIFIED_TCN, NOTIFIED_TC, PROPAGATING, ACKNOWLEDGED
    }

    TopologyChangeMachine(StpPort port, StpEngine engine) {
        super("tcm", port, engine);
    }

    @Override
    protected State next(State s) {
        StpPort p = port;
        if (p.begin) {
            return s == State.INACTIVE ? null : State.INACTIVE;
        }
        boolean notified = p.rcvdTc || p.rcvdTcn || p.rcvdTcAck || p.tcProp;
        return switch (s) {
            case INACTIVE -> p.learn && !p.fdbFlush ? State.LEARNING : null;
            case LEARNING -> {
                if (notified) {
                    yield State.LEARNING;
                }
                if (!p.isRootOrDesignated() && !(p.learn || p.learning)) {
                    yield State.INACTIVE;
                }
                yield p.isRootOrDesignated() && p.forward && !p.operEdge ? State.DETECTED : null;
            }
            case DETECTED, NOTIFIED_TC, PROPAGATING, ACKNOWLEDGED -> State.ACTIVE;
            case NOTIFIED_TCN -> State.NOTIFIED_TC;
            case ACTIVE -> {
                if (!p.isRootOrDesignated() || p.operEdge) {
                    yield State.LEARNING;
                }
                if (p.rcvdTcn) {
                    yield State.NOTIFIED_TCN;
                }
                if (p.rcvdTc) {
                    yield State.NOTIFIED_TC;
                }
                if (p.tcProp && !p.operEdge) {
                    yield State.PROPAGATING;
                }
                yield p.rcvdTcAck ? State.ACKNOWLEDGED : null;
            }
        };
    }

    @Override
    protected void enter(State s) {
        StpPort p = port;
        switch (s) {
            case INACTIVE -> {
                p.fdbFlush = true;
                p.tcWhile = 0;
                p.tcAck = false;
            }
            case LEARNING -> {
                p.rcvdTc = false;
                p.rcvdTcn = false;
                p.rcvdTcAck = false;
                p.tcProp = false;
            }
            case DETECTED -> {
                newTcWhile();
                setTcPropTree();
                p.newInfo = true;
                engine.trace().event(p.name(), "topology change detected");
            }
            case ACTIVE -> {
                // waits for a notification, an acknowledgment, or the port to stop being Root/Designated
            }
            case NOTIFIED_TCN -> newTcWhile();
            case NOTIFIED_TC -> {
                p.rcvdTcn = false;
                p.rcvdTc = false;
                if (p.role == PortRole.DESIGNATED) {
                    p.tcAck = true;
                }
                setTcPropTree();
            }
            case PROPAGATING -> {
                newTcWhile();
                p.fdbFlush = true;
                p.tcProp = false;
            }
            case ACKNOWLEDGED -> {
                p.tcWhile = 0;
                p.rcvdTcAck = false;
            }
        }
    }

    /**
     * newTcWhile [17.21.7]: start tcWhile if it is not running: HelloTime + 1 s towards an RSTP
     * neighbour (which then hears TC in every BPDU, sent at once), or Max Age + Forward Delay
     * of the root's times towards an 802.1D one, as 802.1D-1998's topology change time.
     */
    private void newTcWhile() {
        StpPort p = port;
        if (p.tcWhile != 0) {
            return;
        }
        engine.topologyChangeStarting(p);
        if (p.sendRSTP) {
            p.tcWhile = p.helloTime() + 1;
            p.newInfo = true;
        } else {
            Times root = engine.rootTimes;
            p.tcWhile = root.maxAge() + root.forwardDelay();
        }
    }

    /** setTcPropTree [17.21.18]: every other port propagates the change. */
    private void setTcPropTree() {
        for (StpPort q : engine.portList()) {
            if (q != port) {
                q.tcProp = true;
            }
        }
    }
}
