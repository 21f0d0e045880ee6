package io.twinlink.lacp;

import io.twinlink.fsm.MachineTrace;

import io.twinlink.wire.Lacpdu;
import io.twinlink.wire.LacpPortState;
import io.twinlink.wire.MarkerPdu;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A LACP system [802.1AX-2020 6.4]: its Aggregation Ports, their Aggregators and the
 * machines that run them. Clock-free and single-threaded: it changes only when called with
 * {@link #tick}, {@link #receive}, {@link #receiveMarker} or {@link #linkChanged}, and each
 * call answers with the effects to carry out (frames to send, members to enable or
 * disable), in order.
 *
 * <p>Each call runs the machines until nothing changes (mstpd's and OVS's "run until stable"
 * loop), with an iteration cap that fails loudly rather than spinning; Transmit runs last,
 * once the others have settled, so one LACPDU carries every change a single event caused.
 * Only the bundles the event touched are run ({@link BundlePorts}): the others were stable
 * before and nothing they read has changed, so running them would change nothing, and an
 * engine with a thousand ports would otherwise spend a pass over all of them on every LACPDU.
 */
public final class LacpEngine {

    /** Far more than any legal sequence of transitions needs; reaching it is a bug. */
    static final int MAX_ITERATIONS = 1000;

    private LacpSystem system;
    private final MachineTrace trace;
    private final int collectorMaxDelay;
    private final Map<String, BundlePorts> bundles = new LinkedHashMap<>();
    private final List<BundlePorts> bundleList = new ArrayList<>();
    /** Ports whose Receive machine is in PORT_DISABLED, in the order they got there. */
    private final java.util.Set<AggregationPort> receiveDisabledPorts = new java.util.LinkedHashSet<>();
    /** The bundles an event touched, in the order they were touched; each once. */
    private final List<BundlePorts> dirty = new ArrayList<>();
    private final List<BundleConfig> bundleConfigs = new ArrayList<>();
    private final Map<String, AggregationPort> ports = new LinkedHashMap<>();
    private final List<AggregationPort> portList = new ArrayList<>();
    private final List<Aggregator> aggregators = new ArrayList<>();
    private final Map<String, Aggregator> activeAggregators = new LinkedHashMap<>();
    private final SelectionLogic selection = new SelectionLogic(this);
    private final MarkerResponder markerResponder = new MarkerResponder(this);
    private List<LacpEffect> effects = new ArrayList<>();
    private final TimerQueue timers = new TimerQueue();

    public LacpEngine(LacpSystem system, MachineTrace trace) {
        this(system, trace, 0);
    }

    /** @param collectorMaxDelay CollectorMaxDelay in tens of microseconds [6.4.2.3 n)] */
    public LacpEngine(LacpSystem system, MachineTrace trace, int collectorMaxDelay) {
        this.system = system;
        this.trace = trace;
        this.collectorMaxDelay = collectorMaxDelay;
    }

    // ------------------------------------------------------------------ configuration

    public void addBundle(BundleConfig bundle) {
        if (bundles.containsKey(bundle.name())) {
            throw new IllegalArgumentException("bundle " + bundle.name() + " already exists");
        }
        BundlePorts scope = new BundlePorts(bundle);
        bundles.put(bundle.name(), scope);
        bundleList.add(scope);
        bundleConfigs.add(bundle);
    }

    /** Adds a port to a bundle. It starts with its link down; call {@link #linkChanged} when it comes up. */
    public List<LacpEffect> addPort(String bundleName, PortConfig config) {
        BundlePorts scope = bundles.get(bundleName);
        if (scope == null) {
            throw new IllegalArgumentException("no bundle " + bundleName);
        }
        BundleConfig bundle = scope.config;
        if (ports.containsKey(config.name())) {
            throw new IllegalArgumentException("port " + config.name() + " already exists");
        }
        for (AggregationPort other : portList) {
            if (other.portNumber() == config.portNumber()) {
                throw new IllegalArgumentException("port number " + config.portNumber() + " already used by "
                        + other.name());
            }
        }
        AggregationPort port = new AggregationPort(config, bundle, this, timers);
        ports.put(config.name(), port);
        portList.add(port);
        scope.ports.add(port);
        Aggregator aggregator = new Aggregator(config.portNumber(), bundle);
        aggregators.add(aggregator);
        scope.aggregators.add(aggregator);
        // BEGIN [6.4.8]: every machine enters its initial state, then BEGIN is released.
        port.begin = true;
        runMachines(scope);
        port.begin = false;
        markDirty(scope);
        return settle();
    }

    // ------------------------------------------------------------------ events

    /**
     * Time passed (on a monotonic clock, or in a test's virtual clock). Timers that fall due
     * inside {@code elapsedNanos} fire at their exact virtual deadline, in order, and restart
     * from it: a wake-up that comes late delays one LACPDU but never shifts the ones after it,
     * so periodic transmission does not drift.
     */
    public List<LacpEffect> tick(long elapsedNanos) {
        if (elapsedNanos < 0) {
            throw new IllegalArgumentException("time does not run backwards: " + elapsedNanos);
        }
        List<LacpEffect> out = new ArrayList<>();
        long left = elapsedNanos;
        do {
            long step = Math.min(left, nanosUntilNextEvent());
            // the bundles of ports whose timer runs out, or whose held-back LACPDU may now go, run
            timers.advance(step, p -> markDirty(scopeOf(p)));
            left -= step;
            out.addAll(settle());
        } while (left > 0);
        return out;
    }

    /**
     * A link went up or down, or its duplex or speed changed. LACP runs only on full-duplex
     * links (LACP_Enabled, 6.4.8); ports aggregate only with ports of the same speed.
     */
    public List<LacpEffect> linkChanged(String portName, boolean up, boolean fullDuplex, long speedMbps) {
        AggregationPort p = port(portName);
        boolean speedChanged = p.speedMbps != speedMbps;
        p.portEnabled = up;
        p.lacpEnabled = fullDuplex;
        p.speedMbps = speedMbps;
        if (speedChanged && p.selected != Selected.UNSELECTED) {
            // A port cannot stay in a LAG whose other links run at another speed.
            p.selected = Selected.UNSELECTED;
        }
        markDirty(scopeOf(p));
        return settle();
    }

    /** A LACPDU arrived on a port [6.4.12]. */
    public List<LacpEffect> receive(String portName, Lacpdu pdu) {
        AggregationPort p = port(portName);
        p.counters.dot3adAggPortStatsLACPDUsRx++;
        markDirty(scopeOf(p));
        if (pdu.actor().system().equals(system.mac()) && pdu.actor().systemPriority() == system.priority()) {
            // Our own LACPDU came back: the link loops to this system. Acting on it would make
            // the port its own partner; like bond_3ad we drop it and say so.
            p.counters.loopedBackRx++;
            trace.event(p.name(), "looped-back LACPDU dropped (actor port " + pdu.actor().port() + ")");
            return settle();
        }
        detectPortMoved(p, pdu);
        p.rcvdPdu = pdu;
        List<LacpEffect> out = settle();
        p.rcvdPdu = null; // not consumed (port disabled): dropped, as the standard's Receive machine would
        return out;
    }

    /** A Marker or Marker Response PDU arrived on a port [6.5]. */
    public List<LacpEffect> receiveMarker(String portName, MarkerPdu pdu) {
        AggregationPort p = port(portName);
        markerResponder.receive(p, pdu);
        markDirty(scopeOf(p));
        return settle();
    }

    /** A Slow Protocols frame of a subtype we do not implement arrived [7.3.3.1.5 UnknownRx]. */
    public void countUnknown(String portName) {
        port(portName).counters.dot3adAggPortStatsUnknownRx++;
    }

    /** A LACP or Marker frame that could not be decoded arrived [7.3.3.1.6 IllegalRx]. */
    public void countIllegal(String portName) {
        port(portName).counters.dot3adAggPortStatsIllegalRx++;
    }

    /**
     * The advertised System ID changes (an MC-LAG peer took over or gave back the shared ID).
     * Every partner must hear it at once, not at the next periodic transmission.
     */
    public List<LacpEffect> setSystem(LacpSystem newSystem) {
        if (!newSystem.equals(system)) {
            system = newSystem;
            for (AggregationPort p : portList) {
                p.ntt = true;
            }
            // Every machine reads the System ID (the Receive machine compares it with what
            // the partner last saw of us): every bundle runs.
            for (BundlePorts b : bundleList) {
                markDirty(b);
            }
        }
        return settle();
    }

    /**
     * Graceful stop: tell every partner at once that this end is leaving (synchronization,
     * collecting and distributing cleared) so it moves traffic away before our timeout would
     * tell it, and take every member out of the data plane. The rate limit does not apply to
     * this final LACPDU; the engine must not be used afterwards.
     */
    public List<LacpEffect> shutdown() {
        for (AggregationPort p : portList) {
            p.setActorState(LacpPortState.SYNCHRONIZATION, false);
            p.setActorState(LacpPortState.COLLECTING, false);
            p.setActorState(LacpPortState.DISTRIBUTING, false);
            if (p.portEnabled && p.lacpEnabled) {
                emit(new LacpEffect.SendLacpdu(p.name(), p.transmitMachine.lacpdu()));
                p.counters.dot3adAggPortStatsLACPDUsTx++;
            }
            if (p.dataplaneCollecting || p.dataplaneDistributing) {
                p.dataplaneCollecting = false;
                p.dataplaneDistributing = false;
                emit(new LacpEffect.MemberForwarding(p.name(), p.bundleName(), false, false));
            }
        }
        return drainEffects();
    }

    /**
     * Nanoseconds until the next timer expires or a rate-limited LACPDU may go, so that the
     * caller can schedule exactly one wake-up instead of polling.
     */
    public long nanosUntilNextEvent() {
        return timers.nanosUntilNext();
    }

    // ------------------------------------------------------------------ the loop

    private void markDirty(BundlePorts bundle) {
        if (!bundle.dirty) {
            bundle.dirty = true;
            dirty.add(bundle);
        }
    }

    /** Runs the machines of every bundle an event touched: all machines, then Aggregators and data plane, then Transmit. */
    private List<LacpEffect> settle() {
        if (dirty.isEmpty()) {
            return drainEffects();
        }
        for (BundlePorts b : dirty) {
            runMachines(b);
        }
        for (BundlePorts b : dirty) {
            chooseActiveAggregator(b);
            projectToDataplane(b);
        }
        for (BundlePorts b : dirty) {
            transmit(b);
            b.dirty = false;
        }
        dirty.clear();
        return drainEffects();
    }

    /** Every machine of every bundle, whether or not an event touched it; tests check it changes nothing. */
    List<LacpEffect> settleAll() {
        for (BundlePorts b : bundleList) {
            markDirty(b);
        }
        return settle();
    }

    private void runMachines(BundlePorts bundle) {
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            boolean changed = false;
            for (AggregationPort p : bundle.ports) {
                changed |= p.receiveMachine.step();
                changed |= p.periodicMachine.step();
                changed |= p.muxMachine.step();
                changed |= p.actorChurnMachine.step();
                changed |= p.partnerChurnMachine.step();
            }
            changed |= selection.step(bundle);
            if (!changed) {
                return;
            }
        }
        throw new IllegalStateException("LACP machines did not settle after " + MAX_ITERATIONS + " iterations");
    }

    private void transmit(BundlePorts bundle) {
        for (AggregationPort p : bundle.ports) {
            int guard = 0;
            while (p.transmitMachine.step()) {
                if (++guard > MAX_ITERATIONS) {
                    throw new IllegalStateException("Transmit machine of " + p.name() + " did not settle");
                }
            }
            long held = p.transmitMachine.pendingSendAt();
            if (held >= 0) {
                timers.schedule(held, p); // NTT waits for the rate limit [6.4.16]: wake up when it lifts
            }
        }
    }

    /**
     * One Aggregator per bundle carries the bundle's traffic (a bundle is one interface). Keep
     * the current one while it has at least min-links forwarding ports; otherwise take the one
     * with the most forwarding ports (ties: lowest identifier), like bond_3ad's ad_select=count.
     */
    private void chooseActiveAggregator(BundlePorts bundle) {
        BundleConfig b = bundle.config;
        int needed = Math.max(1, b.minLinks());
        Aggregator current = activeAggregators.get(b.name());
        if (current != null && current.forwardingPorts() >= needed) {
            return;
        }
        Aggregator best = null;
        for (Aggregator agg : bundle.aggregators) {
            int n = agg.forwardingPorts();
            if (n >= needed && (best == null || n > best.forwardingPorts())) {
                best = agg;
            }
        }
        if (best != current) {
            trace.event(b.name(), "active aggregator " + (current == null ? "none" : current.id()) + " -> "
                    + (best == null ? "none (fewer than " + needed + " links)" : best.id()));
            if (best == null) {
                activeAggregators.remove(b.name());
            } else {
                activeAggregators.put(b.name(), best);
            }
        }
    }

    private void projectToDataplane(BundlePorts bundle) {
        for (AggregationPort p : bundle.ports) {
            MuxMachine.State mux = p.muxMachine.state();
            boolean onActive = p.aggregator != null && p.aggregator == activeAggregators.get(p.bundleName());
            boolean collecting = onActive && mux.collecting();
            boolean distributing = onActive && mux.distributing();
            if (collecting != p.dataplaneCollecting || distributing != p.dataplaneDistributing) {
                p.dataplaneCollecting = collecting;
                p.dataplaneDistributing = distributing;
                emit(new LacpEffect.MemberForwarding(p.name(), p.bundleName(), collecting, distributing));
            }
        }
    }

    /** Kept by the Receive machine: the ports in PORT_DISABLED, the only ones port_moved can concern. */
    void receiveDisabled(AggregationPort p, boolean disabled) {
        if (disabled) {
            receiveDisabledPorts.add(p);
        } else {
            receiveDisabledPorts.remove(p);
        }
    }

    /**
     * port_moved [6.4.8]: the partner port this LACPDU comes from was last seen on another, now
     * disabled, port. Only disabled ports are looked at, not all of them on every LACPDU.
     */
    private void detectPortMoved(AggregationPort receivedOn, Lacpdu pdu) {
        if (receiveDisabledPorts.isEmpty()) {
            return;
        }
        for (AggregationPort q : receiveDisabledPorts) {
            if (q != receivedOn && q.receiveMachine.state() == ReceiveMachine.State.PORT_DISABLED
                    && q.partnerOper.system().equals(pdu.actor().system())
                    && q.partnerOper.systemPriority() == pdu.actor().systemPriority()
                    && q.partnerOper.port() == pdu.actor().port()) {
                q.portMoved = true;
                markDirty(scopeOf(q));
            }
        }
    }

    private List<LacpEffect> drainEffects() {
        if (effects.isEmpty()) {
            return List.of();
        }
        List<LacpEffect> out = effects;
        effects = new ArrayList<>();
        return out;
    }

    // ------------------------------------------------------------------ for the machines

    void emit(LacpEffect effect) {
        effects.add(effect);
    }

    MachineTrace trace() {
        return trace;
    }

    int collectorMaxDelay() {
        return collectorMaxDelay;
    }

    /** The Aggregators a port of {@code bundle} may select. */
    List<Aggregator> aggregatorsOf(BundleConfig bundle) {
        return bundles.get(bundle.name()).aggregators;
    }

    private BundlePorts scopeOf(AggregationPort p) {
        return bundles.get(p.bundleName());
    }

    // ------------------------------------------------------------------ read-only views

    /** Virtual time: the sum of all ticks so far. */
    public long now() {
        return timers.now();
    }

    public LacpSystem system() {
        return system;
    }

    public AggregationPort port(String name) {
        AggregationPort p = ports.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no port " + name);
        }
        return p;
    }

    public boolean hasPort(String name) {
        return ports.containsKey(name);
    }

    public List<AggregationPort> ports() {
        return Collections.unmodifiableList(portList);
    }

    public List<BundleConfig> bundles() {
        return Collections.unmodifiableList(bundleConfigs);
    }

    public List<Aggregator> aggregators(String bundleName) {
        BundlePorts b = bundles.get(bundleName);
        return b == null ? List.of() : Collections.unmodifiableList(b.aggregators);
    }

    /** The Aggregator that carries the bundle's traffic, or {@code null} when it is down. */
    public Aggregator activeAggregator(String bundleName) {
        return activeAggregators.get(bundleName);
    }

    /** The LACPDU a port would send now (for show commands and tests). */
    public Lacpdu currentLacpdu(String portName) {
        return port(portName).transmitMachine.lacpdu();
    }
}
