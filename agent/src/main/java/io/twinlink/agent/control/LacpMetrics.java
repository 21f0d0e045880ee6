package io.twinlink.agent.control;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.twinlink.lacp.MuxMachine;
import io.twinlink.lacp.Selected;
import io.twinlink.wire.LacpInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prometheus view of the same snapshots {@code twinlink show} prints. Each scrape asks the
 * {@link StateProvider} once for LACP and once for ports, so the HTTP thread never reads
 * protocol state, and all series of one scrape come from one consistent snapshot.
 *
 * <p>Counter names follow the 802.1AX MIB's dot3adAggPortStatsTable [802.1AX-2020 7.3.3.1];
 * the exposition adds {@code _total} (counters) and {@code _info} (info) itself.
 */
public final class LacpMetrics implements MultiCollector {

    private static final Logger log = LoggerFactory.getLogger(LacpMetrics.class);

    private record PortCounter(String name, String help, ToLongFunction<PortStats> value) {
    }

    private static final List<PortCounter> PORT_COUNTERS = List.of(
            new PortCounter("twinlink_dot3ad_agg_port_stats_lacpdus_rx",
                    "dot3adAggPortStatsLACPDUsRx: valid LACPDUs received", PortStats::lacpduRx),
            new PortCounter("twinlink_dot3ad_agg_port_stats_lacpdus_tx",
                    "dot3adAggPortStatsLACPDUsTx: LACPDUs transmitted", PortStats::lacpduTx),
            new PortCounter("twinlink_dot3ad_agg_port_stats_marker_pdus_rx",
                    "dot3adAggPortStatsMarkerPDUsRx: valid Marker PDUs received", PortStats::markerRx),
            new PortCounter("twinlink_dot3ad_agg_port_stats_marker_pdus_tx",
                    "dot3adAggPortStatsMarkerPDUsTx: Marker PDUs transmitted", PortStats::markerTx),
            new PortCounter("twinlink_dot3ad_agg_port_stats_marker_response_pdus_rx",
                    "dot3adAggPortStatsMarkerResponsePDUsRx: valid Marker Response PDUs received",
                    PortStats::markerResponseRx),
            new PortCounter("twinlink_dot3ad_agg_port_stats_marker_response_pdus_tx",
                    "dot3adAggPortStatsMarkerResponsePDUsTx: Marker Response PDUs transmitted",
                    PortStats::markerResponseTx),
            new PortCounter("twinlink_dot3ad_agg_port_stats_unknown_rx",
                    "dot3adAggPortStatsUnknownRx: Slow Protocols frames of an unknown subtype", PortStats::unknownRx),
            new PortCounter("twinlink_dot3ad_agg_port_stats_illegal_rx",
                    "dot3adAggPortStatsIllegalRx: LACP or Marker frames that are badly formed", PortStats::illegalRx));

    private final StateProvider provider;
    private final Duration answerTimeout;

    public LacpMetrics(StateProvider provider, Duration answerTimeout) {
        this.provider = provider;
        this.answerTimeout = answerTimeout;
    }

    @Override
    public MetricSnapshots collect() {
        LacpSnapshot lacp;
        PortsSnapshot ports;
        try {
            lacp = await(provider.lacp());
            ports = await(provider.ports());
        } catch (StateUnavailable e) {
            log.warn("metrics scrape without state: {}", e.getMessage());
            return MetricSnapshots.of(availability(false));
        }
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(availability(true));
        addMemberSeries(out, lacp);
        addAggregatorSeries(out, lacp);
        addPortSeries(out, ports);
        return new MetricSnapshots(out);
    }

    private static void addMemberSeries(List<MetricSnapshot> out, LacpSnapshot lacp) {
        for (PortCounter c : PORT_COUNTERS) {
            CounterSnapshot.Builder b = CounterSnapshot.builder().name(c.name()).help(c.help());
            forEachMember(lacp, (a, m) -> b.dataPoint(counter(member(a, m), c.value().applyAsLong(m.counters()))));
            out.add(b.build());
        }
        GaugeSnapshot.Builder mux = GaugeSnapshot.builder().name("twinlink_lacp_port_mux_state")
                .help("Mux machine state [802.1AX-2020 6.4.15]: 1 on the current state, 0 on the others");
        GaugeSnapshot.Builder selected = GaugeSnapshot.builder().name("twinlink_lacp_port_selected")
                .help("Selected variable [802.1AX-2020 6.4.8]: 1 on the current value, 0 on the others");
        GaugeSnapshot.Builder actorState = GaugeSnapshot.builder().name("twinlink_dot3ad_agg_port_actor_oper_state")
                .help("dot3adAggPortActorOperState: the actor's state octet");
        GaugeSnapshot.Builder partnerState = GaugeSnapshot.builder().name("twinlink_dot3ad_agg_port_partner_oper_state")
                .help("dot3adAggPortPartnerOperState: the partner's state octet");
        InfoSnapshot.Builder partner = InfoSnapshot.builder().name("twinlink_dot3ad_agg_port_partner_oper")
                .help("The partner as the port sees it (dot3adAggPortPartnerOper*)");
        forEachMember(lacp, (a, m) -> {
            Labels labels = member(a, m);
            for (MuxMachine.State s : MuxMachine.State.values()) {
                mux.dataPoint(gauge(labels.add("state", s.name()), s == m.mux() ? 1 : 0));
            }
            for (Selected s : Selected.values()) {
                selected.dataPoint(gauge(labels.add("state", s.name()), s == m.selected() ? 1 : 0));
            }
            actorState.dataPoint(gauge(labels, m.actor().state().bits()));
            partnerState.dataPoint(gauge(labels, m.partner().state().bits()));
            LacpInfo p = m.partner();
            partner.dataPoint(InfoDataPointSnapshot.builder().labels(labels.merge(
                    new String[] {"partner_system", "partner_system_priority", "partner_key", "partner_port", "partner_port_priority"},
                    new String[] {p.system().toString(), Integer.toString(p.systemPriority()), Integer.toString(p.key()),
                        Integer.toString(p.port()), Integer.toString(p.portPriority())})).build());
        });
        out.add(mux.build());
        out.add(selected.build());
        out.add(actorState.build());
        out.add(partnerState.build());
        out.add(partner.build());
    }

    private static void addAggregatorSeries(List<MetricSnapshot> out, LacpSnapshot lacp) {
        GaugeSnapshot.Builder active = GaugeSnapshot.builder().name("twinlink_lacp_aggregator_active")
                .help("1 when the aggregator carries traffic");
        GaugeSnapshot.Builder distributing = GaugeSnapshot.builder().name("twinlink_lacp_aggregator_distributing_ports")
                .help("Members whose Mux state distributes frames");
        for (AggregatorSnapshot a : lacp.aggregators()) {
            Labels labels = Labels.of("bundle", a.name());
            active.dataPoint(gauge(labels, a.active() ? 1 : 0));
            distributing.dataPoint(gauge(labels, a.members().stream().filter(m -> m.mux().distributing()).count()));
        }
        out.add(active.build());
        out.add(distributing.build());
    }

    private static void addPortSeries(List<MetricSnapshot> out, PortsSnapshot ports) {
        out.add(portGauge(ports, "twinlink_port_carrier", "1 when the port has carrier", p -> p.carrier() == Carrier.UP ? 1 : 0));
        out.add(portCounter(ports, "twinlink_port_rx_frames", "Protocol frames received by the agent", PortSnapshot::rxFrames));
        out.add(portCounter(ports, "twinlink_port_tx_frames", "Protocol frames sent by the agent", PortSnapshot::txFrames));
        out.add(portCounter(ports, "twinlink_port_malformed_frames",
                "Frames received that failed to decode (LACP, Marker or BPDU)", PortSnapshot::malformedRx));
        out.add(portCounter(ports, "twinlink_port_policed_frames",
                "Frames dropped before the protocols because their sender exceeded its rate (a flood)",
                PortSnapshot::policedRx));
        out.add(portCounter(ports, "twinlink_port_stranger_frames",
                "LACPDUs and Marker PDUs ignored because they did not come from the port's current partner",
                PortSnapshot::strangerRx));
        out.add(portCounter(ports, "twinlink_port_capture_drops",
                "Frames the kernel dropped before the agent could read them (capture ring full)",
                PortSnapshot::captureDrops));
    }

    private static GaugeSnapshot portGauge(PortsSnapshot ports, String name, String help, ToDoubleFunction<PortSnapshot> value) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        ports.ports().forEach(p -> b.dataPoint(gauge(Labels.of("port", p.name()), value.applyAsDouble(p))));
        return b.build();
    }

    private static CounterSnapshot portCounter(PortsSnapshot ports, String name, String help, ToLongFunction<PortSnapshot> value) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        ports.ports().forEach(p -> b.dataPoint(counter(Labels.of("port", p.name()), value.applyAsLong(p))));
        return b.build();
    }

    private static GaugeSnapshot availability(boolean up) {
        return GaugeSnapshot.builder().name("twinlink_state_available")
                .help("1 when this scrape read the agent's state, 0 when the event loop did not answer")
                .dataPoint(gauge(Labels.EMPTY, up ? 1 : 0)).build();
    }

    private interface MemberVisitor {
        void visit(AggregatorSnapshot aggregator, MemberSnapshot member);
    }

    private static void forEachMember(LacpSnapshot lacp, MemberVisitor visitor) {
        for (AggregatorSnapshot a : lacp.aggregators()) {
            for (MemberSnapshot m : a.members()) {
                visitor.visit(a, m);
            }
        }
    }

    private static Labels member(AggregatorSnapshot a, MemberSnapshot m) {
        return Labels.of("bundle", a.name(), "port", m.port());
    }

    private static CounterDataPointSnapshot counter(Labels labels, long value) {
        return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private static GaugeDataPointSnapshot gauge(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }

    private <T> T await(CompletionStage<T> stage) throws StateUnavailable {
        try {
            return stage.toCompletableFuture().get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new StateUnavailable("no answer from the event loop within " + answerTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StateUnavailable(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateUnavailable("interrupted");
        }
    }

    private static final class StateUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        StateUnavailable(String message) {
            super(message, null, false, false);
        }
    }
}
