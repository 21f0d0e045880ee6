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
 * <p>Each call runs all machines of all ports until nothing changes (mstpd's and OVS's
 * "run until stable" loop), with an iteration cap that fails loudly rather than spinning;
 * Transmit runs last, once the others have settled, so one LACPDU carries every change a
 * single event caused.
 */
public final class LacpEngine {

    /** Far more than any legal sequence of transitions needs; reaching it is a bug. */
    static final int MAX_ITERATIONS = 1000;

    private LacpSystem system;
    private final MachineTrace trace;
    private final int collectorMaxDelay;
    private final Map<String, BundleConfig> bundles = new LinkedHashMap<>();
    private final Map<String, AggregationPort> ports = new LinkedHashMap<>();
    private final List<AggregationPort> portList = new ArrayList<>();
    private final List<Aggregator> aggregators = new ArrayList<>();
    private final Map<String, Aggregator> activeAggregators = new LinkedHashMap<>();
    private final SelectionLogic selection = new SelectionLogic(this);
    private final MarkerResponder markerResponder = new MarkerResponder(this);
    private List<LacpEffect> effects = new ArrayList<>();
    private long now;

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
        if (bundles.putIfAbsent(bundle.name(), bundle) != null) {
            throw new IllegalArgumentException("bundle " + bundle.name() + " already exists");
        }
    }

    /** Adds a port to a bundle. It starts with its link down; call {@link #linkChanged} when it comes up. */
    public List<LacpEffect> addPort(String bundleName, PortConfig config) {
        BundleConfig bundle = bundles.get(bundleName);
        if (bundle == null) {
            throw new IllegalArgumentException("no bundle " + bundleName);
        }
        if (ports.containsKey(config.name())) {
            throw new IllegalArgumentException("port " + config.name() + " already exists");
        }
        for (AggregationPort other : portList) {
            if (other.portNumber() == config.portNumber()) {
                throw new IllegalArgumentException("port number " + config.portNumber() + " already used by "
                        + other.name());
            }
        }
        AggregationPort port = new AggregationPort(config, bundle, this);
        ports.put(config.name(), port);
        portList.add(port);
        aggregators.add(new Aggregator(config.portNumber(), bundle));
        // BEGIN [6.4.8]: every machine enters its initial state, then BEGIN is released.
        port.begin = true;
        runMachines();
        port.begin = false;
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
            advanceTimers(step);
            left -= step;
            out.addAll(settle());
        } while (left > 0);
        return out;
    }

    private void advanceTimers(long nanos) {
        now += nanos;
        for (AggregationPort p : portList) {
            p.currentWhileTimer.advance(nanos);
            p.periodicTimer.advance(nanos);
            p.waitWhileTimer.advance(nanos);
            p.actorChurnTimer.advance(nanos);
            p.partnerChurnTimer.advance(nanos);
        }
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
        return settle();
    }

    /** A LACPDU arrived on a port [6.4.12]. */
    public List<LacpEffect> receive(String portName, Lacpdu pdu) {
        AggregationPort p = port(portName);
        p.counters.dot3adAggPortStatsLACPDUsRx++;
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
        markerResponder.receive(port(portName), pdu);
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
        long next = Long.MAX_VALUE;
        for (AggregationPort p : portList) {
            next = Math.min(next, p.currentWhileTimer.untilExpiry());
            next = Math.min(next, p.periodicTimer.untilExpiry());
            next = Math.min(next, p.waitWhileTimer.untilExpiry());
            next = Math.min(next, p.actorChurnTimer.untilExpiry());
            next = Math.min(next, p.partnerChurnTimer.untilExpiry());
            next = Math.min(next, p.transmitMachine.nanosUntilPendingSend());
        }
        return next;
    }

    // ------------------------------------------------------------------ the loop

    private List<LacpEffect> settle() {
        runMachines();
        chooseActiveAggregators();
        projectToDataplane();
        transmit();
        return drainEffects();
    }

    private void runMachines() {
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            boolean changed = false;
            for (AggregationPort p : portList) {
                changed |= p.receiveMachine.step();
                changed |= p.periodicMachine.step();
                changed |= p.muxMachine.step();
                changed |= p.actorChurnMachine.step();
                changed |= p.partnerChurnMachine.step();
            }
            changed |= selection.step();
            if (!changed) {
                return;
            }
        }
        throw new IllegalStateException("LACP machines did not settle after " + MAX_ITERATIONS + " iterations");
    }

    private void transmit() {
        for (AggregationPort p : portList) {
            int guard = 0;
            while (p.transmitMachine.step()) {
                if (++guard > MAX_ITERATIONS) {
                    throw new IllegalStateException("Transmit machine of " + p.name() + " did not settle");
                }
            }
        }
    }

    /**
     * One Aggregator per bundle carries the bundle's traffic (a bundle is one interface). Keep
     * the current one while it has at least min-links forwarding ports; otherwise take the one
     * with the most forwarding ports (ties: lowest identifier), like bond_3ad's ad_select=count.
     */
    private void chooseActiveAggregators() {
        for (BundleConfig b : bundles.values()) {
            int needed = Math.max(1, b.minLinks());
            Aggregator current = activeAggregators.get(b.name());
            if (current != null && current.forwardingPorts() >= needed) {
                continue;
            }
            Aggregator best = null;
            for (Aggregator agg : aggregatorsOf(b)) {
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
    }

    private void projectToDataplane() {
        for (AggregationPort p : portList) {
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

    /** port_moved [6.4.8]: the partner port this LACPDU comes from was last seen on another, now disabled, port. */
    private void detectPortMoved(AggregationPort receivedOn, Lacpdu pdu) {
        for (AggregationPort q : portList) {
            if (q != receivedOn && q.receiveMachine.state() == ReceiveMachine.State.PORT_DISABLED
                    && q.partnerOper.system().equals(pdu.actor().system())
                    && q.partnerOper.systemPriority() == pdu.actor().systemPriority()
                    && q.partnerOper.port() == pdu.actor().port()) {
                q.portMoved = true;
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

    List<AggregationPort> portList() {
        return portList;
    }

    List<Aggregator> aggregatorList() {
        return aggregators;
    }

    List<Aggregator> aggregatorsOf(BundleConfig bundle) {
        List<Aggregator> out = new ArrayList<>();
        for (Aggregator a : aggregators) {
            if (a.bundle == bundle) {
                out.add(a);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ read-only views

    /** Virtual time: the sum of all ticks so far. */
    public long now() {
        return now;
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
        return List.copyOf(bundles.values());
    }

    public List<Aggregator> aggregators(String bundleName) {
        BundleConfig b = bundles.get(bundleName);
        return b == null ? List.of() : aggregatorsOf(b);
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
