package io.twinlink.stp;

import io.twinlink.wire.Bpdu;
import io.twinlink.wire.PortId;

/**
 * One bridge port and the per-port variables of 802.1D-2004 17.17 (timers) and 17.19, named
 * as the standard names them. The machines that read and write these variables are separate
 * classes (one per clause, 17.22-17.31); the port only holds state, plus the derived values
 * of 17.20 that depend on it alone.
 */
public final class StpPort {

    final PortConfig config;
    final PortId portId;

    // --- Timers [17.17], in one-second ticks ---
    int edgeDelayWhile;
    int fdWhile;
    int helloWhen;
    int mdelayWhile;
    int rbWhile;
    int rcvdInfoWhile;
    int rrWhile;
    int tcWhile;

    // --- Per-port variables [17.19] ---
    boolean agree;
    boolean agreed;
    PriorityVector designatedPriority;
    Times designatedTimes;
    /** [17.19.6]; set by recordDispute as corrected in 802.1Q-2005 (see {@link PortInformationMachine}). */
    boolean disputed;
    boolean fdbFlush;
    boolean forward;
    boolean forwarding;
    InfoIs infoIs = InfoIs.DISABLED;
    boolean learn;
    boolean learning;
    boolean mcheck;
    PriorityVector msgPriority;
    Times msgTimes;
    boolean newInfo;
    boolean operEdge;
    boolean portEnabled;
    long portPathCost;
    PriorityVector portPriority;
    Times portTimes;
    boolean proposed;
    boolean proposing;
    boolean rcvdBpdu;
    RcvdInfo rcvdInfo = RcvdInfo.OTHER_INFO;
    boolean rcvdMsg;
    boolean rcvdRSTP;
    boolean rcvdSTP;
    boolean rcvdTc;
    boolean rcvdTcAck;
    boolean rcvdTcn;
    boolean reRoot;
    boolean reselect;
    PortRole role = PortRole.DISABLED;
    boolean selected;
    PortRole selectedRole = PortRole.DISABLED;
    boolean sendRSTP;
    boolean sync;
    boolean synced;
    boolean tcAck;
    boolean tcProp;
    boolean tick;
    int txCount;
    boolean updtInfo;

    // --- Management and link [17.13, 6.4.2, 6.4.3] ---
    boolean begin = true;
    boolean operPointToPointMAC;
    /** MAC_Operational [6.4.2]: the link is up. portEnabled also needs no guard to hold the port down. */
    boolean linkUp;
    long speedMbps;
    /** restrictedRole [802.1Q-2011 13.25.36], set by root guard. */
    final boolean restrictedRole;
    boolean bpduGuardTripped;
    /** Root guard refuses, right now, information that would make this the Root Port. */
    boolean rootInconsistent;

    /** The BPDU handed to the Port Receive machine (rcvdBpdu) and kept for rcvInfo() [17.21.8]. */
    Bpdu rcvdBpduData;

    /** What the data plane was last told (enableLearning/enableForwarding and their opposites, 17.21.3-6). */
    PortState dataplaneState;

    final StpPortCounters counters = new StpPortCounters();

    // --- The machines ---
    final PortTimersMachine timers;
    final PortReceiveMachine receive;
    final PortProtocolMigrationMachine migration;
    final BridgeDetectionMachine bridgeDetection;
    final PortTransmitMachine transmit;
    final PortInformationMachine information;
    final PortRoleTransitionsMachine roleTransitions;
    final PortStateTransitionMachine stateTransition;
    final TopologyChangeMachine topologyChange;

    StpPort(PortConfig config, StpEngine engine) {
        this.config = config;
        this.portId = config.portId();
        this.restrictedRole = config.rootGuard();
        this.portPathCost = config.pathCost() != PortConfig.AUTO_PATH_COST ? config.pathCost()
                : engine.config().pathCostMethod().costFor(0);
        // Until the first role selection the port would advertise this bridge as root.
        this.designatedPriority = new PriorityVector(engine.bridgeIdentifier, 0, engine.bridgeIdentifier, portId, portId);
        this.portPriority = designatedPriority;
        this.msgPriority = designatedPriority;
        this.designatedTimes = engine.config().bridgeTimes();
        this.portTimes = designatedTimes;
        this.msgTimes = designatedTimes;
        this.timers = new PortTimersMachine(this, engine);
        this.receive = new PortReceiveMachine(this, engine);
        this.migration = new PortProtocolMigrationMachine(this, engine);
        this.bridgeDetection = new BridgeDetectionMachine(this, engine);
        this.transmit = new PortTransmitMachine(this, engine);
        this.information = new PortInformationMachine(this, engine);
        this.roleTransitions = new PortRoleTransitionsMachine(this, engine);
        this.stateTransition = new PortStateTransitionMachine(this, engine);
        this.topologyChange = new TopologyChangeMachine(this, engine);
    }

    /** portEnabled [17.19.18]: MAC_Operational and not administratively held down (BPDU guard). */
    void updatePortEnabled() {
        portEnabled = linkUp && !bpduGuardTripped;
    }

    // --- Derived values [17.20] that depend on the port alone ---

    /** MigrateTime [17.13.9, 17.20.9, table 17-1]: 3 s, not configurable. */
    static final int MIGRATE_TIME = 3;

    /** EdgeDelay [17.20.4]: how long a designated port waits for a BPDU before it decides it is an edge. */
    int edgeDelay() {
        return operPointToPointMAC ? MIGRATE_TIME : maxAge();
    }

    /** forwardDelay [17.20.5]: how long learning and discarding last when no agreement comes. */
    int forwardDelay() {
        return sendRSTP ? helloTime() : fwdDelay();
    }

    /** FwdDelay [17.20.6]: the Forward Delay component of designatedTimes (the root's). */
    int fwdDelay() {
        return designatedTimes.forwardDelay();
    }

    /** HelloTime [17.20.7]: the Hello Time component of designatedTimes (this bridge's own, 17.21.25 e). */
    int helloTime() {
        return designatedTimes.helloTime();
    }

    /** MaxAge [17.20.8]: the Max Age component of designatedTimes (the root's). */
    int maxAge() {
        return designatedTimes.maxAge();
    }

    boolean isRootOrDesignated() {
        return role == PortRole.ROOT || role == PortRole.DESIGNATED;
    }

    /** The externally visible state, from learning and forwarding [17.19.12, 17.19.9]. */
    PortState portState() {
        return forwarding ? PortState.FORWARDING : learning ? PortState.LEARNING : PortState.DISCARDING;
    }

    // --- read-only view for show commands, metrics and tests ---

    public String name() { return config.name(); }
    public PortConfig config() { return config; }
    public PortId portId() { return portId; }
    public PortRole role() { return role; }
    public PortRole selectedRole() { return selectedRole; }
    public PortState state() { return portState(); }
    public long pathCost() { return portPathCost; }
    public boolean operEdge() { return operEdge; }
    public boolean operPointToPoint() { return operPointToPointMAC; }
    /** sendRSTP [17.19.35]: false while the port talks 802.1D to a legacy bridge. */
    public boolean sendRstp() { return sendRSTP; }
    public boolean portEnabled() { return portEnabled; }
    public boolean linkUp() { return linkUp; }
    public long speedMbps() { return speedMbps; }
    public boolean bpduGuardTripped() { return bpduGuardTripped; }
    public boolean rootInconsistent() { return rootInconsistent; }
    public PriorityVector portPriority() { return portPriority; }
    public PriorityVector designatedPriority() { return designatedPriority; }
    public Times portTimes() { return portTimes; }
    public int tcWhile() { return tcWhile; }
    public StpPortCounters counters() { return counters; }
    public PortTimersMachine.State timersState() { return timers.state(); }
    public PortReceiveMachine.State receiveState() { return receive.state(); }
    public PortProtocolMigrationMachine.State migrationState() { return migration.state(); }
    public BridgeDetectionMachine.State bridgeDetectionState() { return bridgeDetection.state(); }
    public PortTransmitMachine.State transmitState() { return transmit.state(); }
    public PortInformationMachine.State informationState() { return information.state(); }
    public PortRoleTransitionsMachine.State roleTransitionsState() { return roleTransitions.state(); }
    public PortStateTransitionMachine.State stateTransitionState() { return stateTransition.state(); }
    public TopologyChangeMachine.State topologyChangeState() { return topologyChange.state(); }
}
