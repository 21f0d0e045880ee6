package io.twinlink.stp;

import io.twinlink.fsm.MachineTrace;

import io.twinlink.wire.Bpdu;
import io.twinlink.wire.BpduTimes;
import io.twinlink.wire.BridgeId;
import io.twinlink.wire.ConfigBpdu;
import io.twinlink.wire.InformationBpdu;
import io.twinlink.wire.PortId;
import io.twinlink.wire.TcnBpdu;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An RSTP bridge [802.1D-2004 clause 17], with STP compatibility: its ports, the per-bridge
 * variables of 17.18 and the ten machines of 17.22-17.31. Clock-free and single-threaded: it
 * changes only when called with {@link #tick}, {@link #receive}, {@link #linkChanged} or a
 * management call, and each call answers with the effects to carry out (BPDUs to send, port
 * states to set, filtering database flushes, topology change and guard notices), in order.
 *
 * <p>Each call runs all machines until nothing changes (mstpd's and OVS's "run until stable"
 * loop), with an iteration cap that fails loudly rather than spinning; Port Transmit runs
 * last, once the others have settled, so one BPDU carries every change a single event caused.
 * Timers count whole seconds (17.22): virtual time is cut into one-second ticks.
 */
public final class StpEngine {

    /** Far more than any legal sequence of transitions needs; reaching it is a bug. */
    static final int MAX_ITERATIONS = 1000;
    static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The compatibility ranges of 802.1D-2004 table 17-1, in seconds. */
    static final int MIN_COMPATIBLE_MAX_AGE = 6;
    static final int MAX_COMPATIBLE_MAX_AGE = 40;
    static final int MIN_COMPATIBLE_FORWARD_DELAY = 4;
    static final int MAX_COMPATIBLE_FORWARD_DELAY = 30;
    static final int MAX_COMPATIBLE_HELLO_TIME = 10;

    private final BridgeConfig config;
    private final MachineTrace trace;
    private final Map<String, StpPort> ports = new LinkedHashMap<>();
    private final List<StpPort> portList = new ArrayList<>();
    private final PortRoleSelectionMachine roleSelection;
    private List<StpEffect> effects = new ArrayList<>();
    private long now;
    private long nextTickAt = TICK_NANOS;

    // --- Per-bridge variables [17.18] ---
    boolean begin;
    final BridgeId bridgeIdentifier;
    final PriorityVector bridgePriority;
    final Times bridgeTimes;
    PriorityVector rootPriority;
    PortId rootPortId = new PortId(0, 0);
    Times rootTimes;

    // --- Topology change bookkeeping (dot1dStpTopChanges, dot1dStpTimeSinceTopologyChange) ---
    private boolean topologyChange;
    private long topologyChanges;
    private long lastTopologyChangeAt = -1;
    private String topologyChangePort;

    public StpEngine(BridgeConfig config, MachineTrace trace) {
        this.config = config;
        this.trace = trace;
        this.bridgeIdentifier = config.bridgeId();
        PortId none = new PortId(0, 0);
        // The bridge priority vector [17.18.3]: this bridge as root, at cost 0.
        this.bridgePriority = new PriorityVector(bridgeIdentifier, 0, bridgeIdentifier, none, none);
        this.bridgeTimes = config.bridgeTimes();
        this.rootPriority = bridgePriority;
        this.rootTimes = bridgeTimes;
        this.roleSelection = new PortRoleSelectionMachine(this);
        // BEGIN [17.18.1] for the bridge-wide machine; each port has its own BEGIN when added.
        begin = true;
        runMachines();
        begin = false;
        runMachines();
    }

    // ------------------------------------------------------------------ configuration

    /** Adds a port. It starts with its link down; call {@link #linkChanged} when it comes up. */
    public List<StpEffect> addPort(PortConfig portConfig) {
        if (ports.containsKey(portConfig.name())) {
            throw new IllegalArgumentException("port " + portConfig.name() + " already exists");
        }
        for (StpPort other : portList) {
            if (other.portId.number() == portConfig.portNumber()) {
                throw new IllegalArgumentException("port number " + portConfig.portNumber() + " already used by "
                        + other.name());
            }
        }
        StpPort port = new StpPort(portConfig, this);
        ports.put(portConfig.name(), port);
        portList.add(port);
        // BEGIN [17.18.1]: every machine of the port enters its initial state, then BEGIN is released.
        runMachines();
        runTransmit();
        port.begin = false;
        return settle();
    }

    // ------------------------------------------------------------------ events

    /**
     * Time passed (on a monotonic clock, or in a test's virtual clock). Every whole second of
     * virtual time is one tick of the Port Timers machines [17.22], taken at its exact
     * virtual instant, so a late call delays the tick's effects but never loses a tick.
     */
    public List<StpEffect> tick(long elapsedNanos) {
        if (elapsedNanos < 0) {
            throw new IllegalArgumentException("time does not run backwards: " + elapsedNanos);
        }
        List<StpEffect> out = new ArrayList<>();
        long left = elapsedNanos;
        do {
            long step = Math.min(left, nextTickAt - now);
            now += step;
            left -= step;
            if (now == nextTickAt) {
                nextTickAt += TICK_NANOS;
                for (StpPort p : portList) {
                    p.tick = true;
                }
            }
            out.addAll(settle());
        } while (left > 0);
        return out;
    }

    /**
     * A link went up or down, or its duplex or speed changed. portEnabled [17.19.18] follows
     * the link; operPointToPointMAC [6.4.3] follows the duplex unless configured; a port
     * without a configured cost takes the one its speed gives (table 17-3), and a new cost
     * makes the bridge reselect roles [17.13.11].
     */
    public List<StpEffect> linkChanged(String portName, boolean up, boolean fullDuplex, long speedMbps) {
        StpPort p = port(portName);
        p.linkUp = up;
        p.speedMbps = speedMbps;
        p.operPointToPointMAC = p.config.adminPointToPoint().operPointToPoint(fullDuplex);
        if (p.config.pathCost() == PortConfig.AUTO_PATH_COST) {
            long cost = config.pathCostMethod().costFor(speedMbps);
            if (cost != p.portPathCost) {
                p.portPathCost = cost;
                p.reselect = true;
                p.selected = false;
            }
        }
        p.updatePortEnabled();
        return settle();
    }

    /**
     * A BPDU arrived on a port [17.23]. It is validated as 802.1D-2004 9.3.4 says (a
     * Configuration BPDU whose Message Age is not below its Max Age, or that carries this
     * port's own Bridge and Port Identifiers, is discarded); on a port with BPDU guard that
     * is an edge, it takes the port out of service instead.
     */
    public List<StpEffect> receive(String portName, Bpdu bpdu) {
        StpPort p = port(portName);
        if (!p.portEnabled) {
            return settle(); // a port that is down or held by BPDU guard hears nothing
        }
        countReceived(p, bpdu);
        if (p.config.bpduGuard() && (p.config.adminEdge() || p.operEdge)) {
            // Any BPDU, valid or not: a bridge is where only a host should be.
            p.bpduGuardTripped = true;
            p.counters.bpduGuardActions++;
            p.updatePortEnabled();
            trace.event(p.name(), "bpdu-guard: BPDU received on an edge port, port disabled");
            emit(new StpEffect.GuardAction(p.name(), Guard.BPDU_GUARD, true));
            return settle();
        }
        if (bpdu instanceof ConfigBpdu c && !validConfig(p, c)) {
            p.counters.invalidRx++;
            trace.event(p.name(), "invalid Configuration BPDU discarded [9.3.4]");
            return settle();
        }
        if (bpdu instanceof InformationBpdu i && !timersInCompatibilityRange(i.times())) {
            p.counters.invalidRx++;
            trace.event(p.name(), "BPDU with timers " + Times.fromBpdu(i.times())
                    + " outside the compatibility ranges discarded [17.14 table 17-1]");
            return settle();
        }
        p.rcvdBpduData = bpdu;
        p.rcvdBpdu = true;
        return settle();
    }

    /**
     * No bridge may advertise timer values outside the compatibility ranges of 802.1D-2004
     * table 17-1 (Max Age 6..40 s, Forward Delay 4..30 s, Hello Time up to 10 s; a Hello
     * Time below 1 s is raised to 1 s when recorded, 17.21.23). Such a BPDU is broken or
     * forged, and heeding it is dangerous: a Hello Time of 51 s keeps its information for
     * 3 x 51 s [17.21.23 updtRcvdInfoWhile], and on a looped topology that stale information
     * can circulate for minutes with every port forwarding.
     */
    static boolean timersInCompatibilityRange(BpduTimes t) {
        Times s = Times.fromBpdu(t);
        return s.maxAge() >= MIN_COMPATIBLE_MAX_AGE && s.maxAge() <= MAX_COMPATIBLE_MAX_AGE
                && s.forwardDelay() >= MIN_COMPATIBLE_FORWARD_DELAY && s.forwardDelay() <= MAX_COMPATIBLE_FORWARD_DELAY
                && s.helloTime() <= MAX_COMPATIBLE_HELLO_TIME;
    }

    private boolean validConfig(StpPort p, ConfigBpdu c) {
        boolean tooOld = c.times().messageAge() >= c.times().maxAge();
        boolean ours = c.bridgeId().equals(bridgeIdentifier) && c.portId().equals(p.portId);
        return !tooOld && !ours;
    }

    private static void countReceived(StpPort p, Bpdu bpdu) {
        StpPortCounters c = p.counters;
        if (bpdu instanceof TcnBpdu) {
            c.ieee8021SpanningTreeRstpPortRxTcnBpduCount++;
            c.topologyChangeRx++;
            return;
        }
        if (bpdu instanceof ConfigBpdu config) {
            c.ieee8021SpanningTreeRstpPortRxConfigBpduCount++;
            if (config.flags().topologyChange()) {
                c.topologyChangeRx++;
            }
            return;
        }
        c.ieee8021SpanningTreeRstpPortRxRstBpduCount++;
        if (((InformationBpdu) bpdu).flags().topologyChange()) {
            c.topologyChangeRx++;
        }
    }

    /** A frame to the Bridge Group Address on this port could not be decoded as a BPDU. */
    public void countInvalid(String portName) {
        port(portName).counters.invalidRx++;
    }

    /**
     * mcheck [17.19.13]: send RST BPDUs again for MigrateTime, to find out whether the 802.1D
     * bridges that made this port fall back have gone. No effect in STP mode.
     */
    public List<StpEffect> mcheck(String portName) {
        StpPort p = port(portName);
        if (rstpVersion()) {
            p.mcheck = true;
            trace.event(p.name(), "mcheck: testing for 802.1D bridges");
        }
        return settle();
    }

    /** Puts a port that BPDU guard took out of service back (an operator's decision). */
    public List<StpEffect> clearBpduGuard(String portName) {
        StpPort p = port(portName);
        if (p.bpduGuardTripped) {
            p.bpduGuardTripped = false;
            p.updatePortEnabled();
            trace.event(p.name(), "bpdu-guard cleared, port enabled");
            emit(new StpEffect.GuardAction(p.name(), Guard.BPDU_GUARD, false));
        }
        return settle();
    }

    /** Nanoseconds until the next one-second tick, when timers may expire and hellos are due. */
    public long nanosUntilNextEvent() {
        return portList.isEmpty() ? Long.MAX_VALUE : nextTickAt - now;
    }

    // ------------------------------------------------------------------ the loop

    private List<StpEffect> settle() {
        runMachines();
        runTransmit();
        projectTopologyChange();
        return drainEffects();
    }

    private void runMachines() {
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            boolean changed = roleSelection.step();
            for (StpPort p : portList) {
                changed |= p.timers.step();
                changed |= p.receive.step();
                changed |= p.migration.step();
                changed |= p.bridgeDetection.step();
                changed |= p.information.step();
                changed |= p.roleTransitions.step();
                changed |= p.stateTransition.step();
                changed |= p.topologyChange.step();
                changed |= flushFilteringDatabase(p);
            }
            if (!changed) {
                return;
            }
        }
        throw new IllegalStateException("RSTP machines of " + config.name() + " did not settle after "
                + MAX_ITERATIONS + " iterations");
    }

    /** Port Transmit runs once the others are stable; sending changes nothing they look at. */
    private void runTransmit() {
        for (StpPort p : portList) {
            int guard = 0;
            while (p.transmit.step()) {
                if (++guard > MAX_ITERATIONS) {
                    throw new IllegalStateException("Port Transmit machine of " + p.name() + " did not settle");
                }
            }
        }
    }

    /** The filtering database acts on fdbFlush and clears it [17.19.7]. */
    private boolean flushFilteringDatabase(StpPort p) {
        if (!p.fdbFlush) {
            return false;
        }
        p.fdbFlush = false;
        emit(new StpEffect.FlushFdb(p.name()));
        return true;
    }

    private void projectTopologyChange() {
        boolean active = false;
        for (StpPort p : portList) {
            active |= p.tcWhile != 0;
        }
        if (active != topologyChange) {
            topologyChange = active;
            trace.event(config.name(), "topology change " + (active ? "began at " + topologyChangePort : "ended"));
            emit(new StpEffect.TopologyChange(topologyChangePort, active));
        }
    }

    private List<StpEffect> drainEffects() {
        if (effects.isEmpty()) {
            return List.of();
        }
        List<StpEffect> out = effects;
        effects = new ArrayList<>();
        return out;
    }

    // ------------------------------------------------------------------ for the machines

    void emit(StpEffect effect) {
        effects.add(effect);
    }

    MachineTrace trace() {
        return trace;
    }

    List<StpPort> portList() {
        return portList;
    }

    /** rstpVersion [17.20.11]. */
    boolean rstpVersion() {
        return config.forceVersion().rstpVersion();
    }

    /**
     * allSynced [17.20.3, as 802.1Q-2011 13.25.1 and OVS read it]: every port has its selected
     * role and is synced, except the Root Port, whose own synced does not matter.
     */
    boolean allSynced() {
        for (StpPort p : portList) {
            if (!p.selected || p.role != p.selectedRole || p.updtInfo
                    || (p.role != PortRole.ROOT && !p.synced)) {
                return false;
            }
        }
        return true;
    }

    /** reRooted [17.20.10]: no port but {@code port} was Root Port recently (rrWhile runs). */
    boolean reRooted(StpPort port) {
        for (StpPort p : portList) {
            if (p != port && p.rrWhile != 0) {
                return false;
            }
        }
        return true;
    }

    /** newTcWhile is about to start a port's tcWhile: count a topology change if none was in progress. */
    void topologyChangeStarting(StpPort port) {
        boolean inProgress = false;
        for (StpPort p : portList) {
            inProgress |= p.tcWhile != 0;
        }
        if (!inProgress) {
            topologyChanges++;
        }
        lastTopologyChangeAt = now;
        topologyChangePort = port.name();
    }

    /** Root guard's verdict on a port, from updtRolesTree: report and count only changes. */
    void rootGuard(StpPort p, boolean inconsistent) {
        if (inconsistent == p.rootInconsistent) {
            return;
        }
        p.rootInconsistent = inconsistent;
        if (inconsistent) {
            p.counters.rootGuardActions++;
            trace.event(p.name(), "root-guard: superior BPDU from " + p.portPriority.designatedBridgeId()
                    + " (root " + p.portPriority.rootBridgeId() + "), port kept discarding");
        } else {
            trace.event(p.name(), "root-guard: superior information gone, port released");
        }
        emit(new StpEffect.GuardAction(p.name(), Guard.ROOT_GUARD, inconsistent));
    }

    // ------------------------------------------------------------------ read-only views

    public BridgeConfig config() {
        return config;
    }

    /** Virtual time: the sum of all ticks so far. */
    public long now() {
        return now;
    }

    public BridgeId bridgeId() {
        return bridgeIdentifier;
    }

    /** The Root Bridge Identifier of the bridge's root priority vector [17.18.6]. */
    public BridgeId rootId() {
        return rootPriority.rootBridgeId();
    }

    public long rootPathCost() {
        return rootPriority.rootPathCost();
    }

    public PriorityVector rootPriority() {
        return rootPriority;
    }

    /** rootPortId [17.18.5]: the Port Identifier of the Root Port, 0 when this bridge is the root. */
    public PortId rootPortId() {
        return rootPortId;
    }

    /** The Root Port, or {@code null} when this bridge is the root. */
    public StpPort rootPort() {
        for (StpPort p : portList) {
            if (p.role == PortRole.ROOT) {
                return p;
            }
        }
        return null;
    }

    public boolean isRoot() {
        return rootId().equals(bridgeIdentifier);
    }

    public long topologyChanges() {
        return topologyChanges;
    }

    public boolean topologyChangeInProgress() {
        return topologyChange;
    }

    public PortRoleSelectionMachine.State roleSelectionState() {
        return roleSelection.state();
    }

    public StpPort port(String name) {
        StpPort p = ports.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no port " + name);
        }
        return p;
    }

    public boolean hasPort(String name) {
        return ports.containsKey(name);
    }

    public List<StpPort> ports() {
        return Collections.unmodifiableList(portList);
    }

    /** A snapshot for {@code show stp}. */
    public BridgeView view() {
        List<PortView> portViews = new ArrayList<>(portList.size());
        for (StpPort p : portList) {
            PriorityVector v = p.portPriority;
            String guard = p.bpduGuardTripped ? Guard.BPDU_GUARD.label()
                    : p.rootInconsistent ? Guard.ROOT_GUARD.label() : null;
            portViews.add(new PortView(p.name(), p.portId, p.role, p.portState(), p.portPathCost, p.operEdge,
                    v.rootBridgeId(), v.designatedBridgeId(), v.designatedPortId(), v.rootPathCost(),
                    p.operPointToPointMAC, p.sendRSTP ? "rstp" : "stp", guard));
        }
        StpPort root = rootPort();
        return new BridgeView(config.name(), bridgeIdentifier, rootId(), root == null ? null : root.name(),
                rootPathCost(), config.forceVersion(), topologyChanges, topologyChange,
                lastTopologyChangeAt < 0 ? -1 : now - lastTopologyChangeAt, rootTimes, portViews);
    }
}
