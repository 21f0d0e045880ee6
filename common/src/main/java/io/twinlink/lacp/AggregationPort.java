package io.twinlink.lacp;

import io.twinlink.wire.LacpInfo;
import io.twinlink.wire.LacpPortState;
import io.twinlink.wire.Lacpdu;
import io.twinlink.wire.MacAddress;

/**
 * One Aggregation Port and the per-port variables of 802.1AX-2020 6.4.7 and 6.4.8, named as
 * the standard names them. The machines that read and write these variables are separate
 * classes ({@link ReceiveMachine}, {@link PeriodicTransmissionMachine}, {@link MuxMachine},
 * {@link TransmitMachine}, {@link ChurnDetectionMachine}); the port only holds state.
 */
public final class AggregationPort {

    final PortConfig config;
    final BundleConfig bundle;

    // --- Actor operational values [6.4.7] ---
    int actorOperPortKey;
    int actorOperPortState;

    // --- Partner administrative and operational values [6.4.7] ---
    LacpInfo partnerAdmin;
    LacpInfo partnerOper;

    // --- Variables associated with each port [6.4.8] ---
    boolean begin = true;
    boolean portEnabled;
    /** TRUE when the link is full duplex: LACP runs only on point-to-point links [6.4.8]. */
    boolean lacpEnabled = true;
    boolean ntt;
    boolean portMoved;
    boolean readyN;
    Selected selected = Selected.UNSELECTED;
    boolean actorChurn;
    boolean partnerChurn;
    long speedMbps;

    /** The Aggregator this port has selected (and, once the Mux attaches, is attached to). */
    Aggregator aggregator;
    /** A LACPDU handed to the Receive machine and not yet consumed. */
    Lacpdu rcvdPdu;

    // --- Timers [6.4.5] ---
    final Timer currentWhileTimer;
    final Timer periodicTimer;
    final Timer waitWhileTimer;
    final Timer actorChurnTimer;
    final Timer partnerChurnTimer;

    final PortCounters counters = new PortCounters();

    // --- The machines ---
    final ReceiveMachine receiveMachine;
    final PeriodicTransmissionMachine periodicMachine;
    final MuxMachine muxMachine;
    final TransmitMachine transmitMachine;
    final ChurnDetectionMachine actorChurnMachine;
    final ChurnDetectionMachine partnerChurnMachine;

    /** What the data plane was last told, so that {@link LacpEffect.MemberForwarding} is sent on change only. */
    boolean dataplaneCollecting;
    boolean dataplaneDistributing;

    AggregationPort(PortConfig config, BundleConfig bundle, LacpEngine engine, TimerQueue timers) {
        this.config = config;
        this.bundle = bundle;
        this.currentWhileTimer = new Timer(timers, this);
        this.periodicTimer = new Timer(timers, this);
        this.waitWhileTimer = new Timer(timers, this);
        this.actorChurnTimer = new Timer(timers, this);
        this.partnerChurnTimer = new Timer(timers, this);
        this.actorOperPortKey = bundle.key();
        this.actorOperPortState = actorAdminPortState();
        // Partner_Admin values [6.4.7]: a null partner that is individual and out of sync, so
        // a port without a partner never collects. Its LACP_Timeout follows our own rate: in
        // DEFAULTED we keep transmitting at the rate we asked for, so a passive partner that
        // comes up later hears from us within a second rather than after Slow_Periodic_Time.
        this.partnerAdmin = new LacpInfo(0, MacAddress.ZERO, 0, 0, 0,
                LacpPortState.of(config.fastRate() ? LacpPortState.TIMEOUT : 0));
        this.partnerOper = partnerAdmin;
        this.receiveMachine = new ReceiveMachine(this, engine);
        this.periodicMachine = new PeriodicTransmissionMachine(this, engine);
        this.muxMachine = new MuxMachine(this, engine);
        this.transmitMachine = new TransmitMachine(this, engine);
        this.actorChurnMachine = ChurnDetectionMachine.actor(this, engine);
        this.partnerChurnMachine = ChurnDetectionMachine.partner(this, engine);
    }

    /** Actor_Admin_Port_State: activity, timeout and aggregation from configuration [6.4.7]. */
    int actorAdminPortState() {
        int s = 0;
        if (config.active()) {
            s |= LacpPortState.ACTIVITY;
        }
        if (config.fastRate()) {
            s |= LacpPortState.TIMEOUT;
        }
        if (config.aggregatable()) {
            s |= LacpPortState.AGGREGATION;
        }
        return s;
    }

    boolean actorState(int flag) {
        return (actorOperPortState & flag) != 0;
    }

    void setActorState(int flag, boolean value) {
        actorOperPortState = value ? actorOperPortState | flag : actorOperPortState & ~flag;
    }

    boolean partnerState(int flag) {
        return partnerOper.state().has(flag);
    }

    void setPartnerState(int flag, boolean value) {
        partnerOper = partnerOper.withState(partnerOper.state().with(flag, value));
    }

    /** The Actor information this port puts in its LACPDUs. */
    LacpInfo actorInfo(LacpSystem system) {
        return new LacpInfo(system.priority(), system.mac(), actorOperPortKey, config.portPriority(),
                config.portNumber(), LacpPortState.of(actorOperPortState));
    }

    /** Whether one of this port's timers, or a LACPDU the rate limit held back, falls due at {@code at}. */
    boolean fallsDueAt(long at) {
        return currentWhileTimer.fallsDueAt(at) || periodicTimer.fallsDueAt(at) || waitWhileTimer.fallsDueAt(at)
                || actorChurnTimer.fallsDueAt(at) || partnerChurnTimer.fallsDueAt(at)
                || transmitMachine.pendingSendAt() == at;
    }

    /** An individual link: either end says it cannot aggregate [6.4.14.1 b)]. */
    boolean isIndividual() {
        return !actorState(LacpPortState.AGGREGATION) || !partnerState(LacpPortState.AGGREGATION);
    }

    // --- read-only view for show commands and metrics ---

    public String name() { return config.name(); }
    public int portNumber() { return config.portNumber(); }
    public int portPriority() { return config.portPriority(); }
    public String bundleName() { return bundle.name(); }
    public Selected selected() { return selected; }
    public MuxMachine.State muxState() { return muxMachine.state(); }
    public ReceiveMachine.State receiveState() { return receiveMachine.state(); }
    public PeriodicTransmissionMachine.State periodicState() { return periodicMachine.state(); }
    public ChurnDetectionMachine.State actorChurnState() { return actorChurnMachine.state(); }
    public ChurnDetectionMachine.State partnerChurnState() { return partnerChurnMachine.state(); }
    public boolean actorChurn() { return actorChurn; }
    public boolean partnerChurn() { return partnerChurn; }
    public LacpPortState actorOperPortState() { return LacpPortState.of(actorOperPortState); }
    public int actorOperPortKey() { return actorOperPortKey; }
    public LacpInfo partnerOperInfo() { return partnerOper; }
    public boolean portEnabled() { return portEnabled; }
    public long speedMbps() { return speedMbps; }
    public PortCounters counters() { return counters; }
    public boolean collectingInDataplane() { return dataplaneCollecting; }
    public boolean distributingInDataplane() { return dataplaneDistributing; }
    /** The identifier of the Aggregator this port has selected, or 0 for none. */
    public int aggregatorId() { return aggregator == null ? 0 : aggregator.id(); }
}
