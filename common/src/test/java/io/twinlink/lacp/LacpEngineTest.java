package io.twinlink.lacp;

import static io.twinlink.lacp.LacpTestbed.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.lacp.LacpTestbed.Link;
import io.twinlink.lacp.LacpTestbed.Sys;
import io.twinlink.wire.LacpInfo;
import io.twinlink.wire.LacpPortState;
import io.twinlink.wire.Lacpdu;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.MarkerPdu;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two or more LACP engines joined by simulated links on a virtual clock. Every test names the
 * clause of IEEE 802.1AX-2020 whose behaviour it checks.
 */
class LacpEngineTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long S = TimeUnit.SECONDS.toNanos(1);

    private final LacpTestbed t = new LacpTestbed();
    private static int testsRun;

    /**
     * Every transition of every diagram in 6.4.12-6.4.17 (the global ones from each state they
     * apply to), as {@code machine:FROM->TO}. When the whole class has run, each must have
     * been taken by some scenario above.
     */
    private static final List<String> DIAGRAM_TRANSITIONS = List.of(
            "rx:null->INITIALIZE", "rx:INITIALIZE->PORT_DISABLED", "rx:PORT_DISABLED->INITIALIZE",
            "rx:PORT_DISABLED->EXPIRED", "rx:PORT_DISABLED->LACP_DISABLED", "rx:LACP_DISABLED->PORT_DISABLED",
            "rx:EXPIRED->CURRENT", "rx:EXPIRED->DEFAULTED", "rx:DEFAULTED->CURRENT", "rx:CURRENT->CURRENT",
            "rx:CURRENT->EXPIRED", "rx:CURRENT->PORT_DISABLED", "rx:EXPIRED->PORT_DISABLED",
            "rx:DEFAULTED->PORT_DISABLED",
            "periodic:null->NO_PERIODIC", "periodic:NO_PERIODIC->FAST_PERIODIC",
            "periodic:FAST_PERIODIC->PERIODIC_TX", "periodic:FAST_PERIODIC->SLOW_PERIODIC",
            "periodic:SLOW_PERIODIC->PERIODIC_TX", "periodic:PERIODIC_TX->FAST_PERIODIC",
            "periodic:PERIODIC_TX->SLOW_PERIODIC", "periodic:FAST_PERIODIC->NO_PERIODIC",
            "periodic:SLOW_PERIODIC->NO_PERIODIC",
            "mux:null->DETACHED", "mux:DETACHED->WAITING", "mux:WAITING->DETACHED", "mux:WAITING->ATTACHED",
            "mux:ATTACHED->DETACHED", "mux:ATTACHED->COLLECTING_DISTRIBUTING",
            "mux:COLLECTING_DISTRIBUTING->ATTACHED", "mux:ATTACHED->COLLECTING", "mux:COLLECTING->ATTACHED",
            "mux:COLLECTING->DISTRIBUTING", "mux:DISTRIBUTING->COLLECTING",
            "tx:null->NO_TX", "tx:NO_TX->TX_READY", "tx:TX_READY->TRANSMIT", "tx:TRANSMIT->TX_READY",
            "tx:TX_READY->NO_TX",
            "actor-churn:null->CHURN_MONITOR", "actor-churn:CHURN_MONITOR->NO_CHURN",
            "actor-churn:CHURN_MONITOR->CHURN", "actor-churn:NO_CHURN->CHURN_MONITOR",
            "actor-churn:CHURN->NO_CHURN",
            "partner-churn:null->CHURN_MONITOR", "partner-churn:CHURN_MONITOR->NO_CHURN",
            "partner-churn:CHURN_MONITOR->CHURN", "partner-churn:NO_CHURN->CHURN_MONITOR",
            "partner-churn:CHURN->NO_CHURN");

    @org.junit.jupiter.api.AfterEach
    void countRun() {
        testsRun++;
    }

    @org.junit.jupiter.api.AfterAll
    static void everyDiagramTransitionWasTaken() {
        long tests = java.util.Arrays.stream(LacpEngineTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class)).count();
        if (testsRun < tests) {
            return; // a filtered run (one test from an IDE) cannot cover everything
        }
        assertThat(LacpTestbed.seen()).as("diagram transitions taken by the scenarios")
                .containsAll(DIAGRAM_TRANSITIONS);
    }

    private Sys twoPortSystem(String name, long mac, BundleConfig bundle, PortConfig p1, PortConfig p2) {
        return t.system(name, mac).bundle(bundle, p1, p2);
    }

    private static PortConfig port(String name, int number) {
        return PortConfig.active(name, number);
    }

    private static boolean allCollDist(Sys s, String... ports) {
        for (String p : ports) {
            if (s.mux(p) != MuxMachine.State.COLLECTING_DISTRIBUTING || !s.forwarding(p)) {
                return false;
            }
        }
        return true;
    }

    /** A and B, two links each, active and fast, cabled a1-b1 and a2-b2. */
    private Link[] pairUp(Sys a, Sys b) {
        return new Link[] {t.link(a, "a1", b, "b1"), t.link(a, "a2", b, "b2")};
    }

    @Test
    @DisplayName("6.4.15/6.4.14: active-active fast bring-up reaches COLLECTING_DISTRIBUTING after Aggregate_Wait_Time")
    void bringUp() {
        Sys a = twoPortSystem("A", 0x0a, BundleConfig.of("bond0", 10), port("a1", 1), port("a2", 2));
        Sys b = twoPortSystem("B", 0x0b, BundleConfig.of("bond0", 20), port("b1", 1), port("b2", 2));
        pairUp(a, b);

        long took = t.runUntil(10 * S, () -> allCollDist(a, "a1", "a2") && allCollDist(b, "b1", "b2"));

        // The 2 s aggregate wait is the floor; one LACPDU exchange on top of it.
        assertThat(seconds(took)).isBetween(2.0, 2.5);
        assertThat(a.port("a1").aggregatorId()).isEqualTo(a.port("a2").aggregatorId());
        assertThat(b.port("b1").aggregatorId()).isEqualTo(b.port("b2").aggregatorId());
        Aggregator agg = a.engine.activeAggregator("bond0");
        assertThat(agg.partnerSystem()).isEqualTo(MacAddress.of(0x02000000000bL));
        assertThat(agg.partnerOperKey()).isEqualTo(20);
        assertThat(a.port("a1").actorOperPortState().bits()).isEqualTo(0x3f);
        assertThat(a.port("a1").partnerOperInfo().state().bits()).isEqualTo(0x3f);
        // Steady state: one LACPDU per second per port at the fast rate [6.4.13].
        int before = a.sentOn("a1").size();
        t.runFor(10_000);
        assertThat(a.sentOn("a1").size() - before).isBetween(10, 11);
    }

    @Test
    @DisplayName("6.4.12: partner silent at fast rate -> EXPIRED after 3 s (member out), DEFAULTED after 6 s")
    void partnerTimeoutFast() {
        Sys a = twoPortSystem("A", 0x0a, BundleConfig.of("bond0", 10), port("a1", 1), port("a2", 2));
        Sys b = twoPortSystem("B", 0x0b, BundleConfig.of("bond0", 20), port("b1", 1), port("b2", 2));
        Link[] links = pairUp(a, b);
        t.runUntil(10 * S, () -> allCollDist(a, "a1", "a2") && allCollDist(b, "b1", "b2"));
        t.runFor(500);

        long lastHeard = b.sentOn("b1").get(b.sentOn("b1").size() - 1).at();
        links[0].silentFromB = true;
        t.runUntil(10 * S, () -> !a.forwarding("a1"));

        assertThat(seconds(t.now - lastHeard)).isEqualTo(3.0);
        assertThat(a.port("a1").receiveState()).isEqualTo(ReceiveMachine.State.EXPIRED);
        assertThat(a.forwarding("a2")).isTrue();
        t.runUntil(10 * S, () -> a.port("a1").receiveState() == ReceiveMachine.State.DEFAULTED);
        assertThat(seconds(t.now - lastHeard)).isEqualTo(6.0);
        assertThat(a.port("a1").actorOperPortState().defaulted()).isTrue();

        // The partner comes back: the member rejoins after the aggregate wait.
        links[0].silentFromB = false;
        long back = t.runUntil(10 * S, () -> a.forwarding("a1"));
        assertThat(seconds(back)).isLessThanOrEqualTo(3.5);
    }

    @Test
    @DisplayName("6.4.12: partner silent at slow rate -> member out after 90 s (Long_Timeout_Time)")
    void partnerTimeoutSlow() {
        BundleConfig bundle = BundleConfig.of("bond0", 10);
        Sys a = twoPortSystem("A", 0x0a, bundle, port("a1", 1).slow(), port("a2", 2).slow());
        Sys b = twoPortSystem("B", 0x0b, bundle, port("b1", 1).slow(), port("b2", 2).slow());
        Link[] links = pairUp(a, b);
        t.runUntil(10 * S, () -> allCollDist(a, "a1", "a2") && allCollDist(b, "b1", "b2"));
        t.runFor(1_000);
        // Slow rate: LACPDUs every 30 s [6.4.13 SLOW_PERIODIC].
        int before = a.sentOn("a1").size();
        t.runFor(60_000);
        assertThat(a.sentOn("a1").size() - before).isEqualTo(2);

        long lastHeard = b.sentOn("b1").get(b.sentOn("b1").size() - 1).at();
        links[0].silentFromB = true;
        t.runUntil(200 * S, () -> !a.forwarding("a1"));
        assertThat(seconds(t.now - lastHeard)).isEqualTo(90.0);

        assertThat(a.port("a2").periodicState()).isEqualTo(PeriodicTransmissionMachine.State.SLOW_PERIODIC);
        links[1].setCarrier(false);
        assertThat(a.port("a2").periodicState()).isEqualTo(PeriodicTransmissionMachine.State.NO_PERIODIC);
    }

    @Test
    @DisplayName("6.4.12/6.4.15: link flap takes the member out at once and back after the aggregate wait")
    void linkFlap() {
        Sys a = twoPortSystem("A", 0x0a, BundleConfig.of("bond0", 10), port("a1", 1), port("a2", 2));
        Sys b = twoPortSystem("B", 0x0b, BundleConfig.of("bond0", 20), port("b1", 1), port("b2", 2));
        Link[] links = pairUp(a, b);
        t.runUntil(10 * S, () -> allCollDist(a, "a1", "a2") && allCollDist(b, "b1", "b2"));

        links[1].setCarrier(false);
        // Carrier loss acts in the same call, with no time passing [6.4.12 PORT_DISABLED].
        assertThat(a.forwarding("a2")).isFalse();
        assertThat(b.forwarding("b2")).isFalse();
        assertThat(a.port("a2").receiveState()).isEqualTo(ReceiveMachine.State.PORT_DISABLED);
        assertThat(a.forwarding("a1")).isTrue();

        t.runFor(5_000);
        links[1].setCarrier(true);
        long back = t.runUntil(10 * S, () -> allCollDist(a, "a1", "a2") && allCollDist(b, "b1", "b2"));
        assertThat(seconds(back)).isLessThan(1.0); // same partner: no reselection, no new wait
        assertThat(a.port("a2").aggregatorId()).isEqualTo(a.port("a1").aggregatorId());
    }

    @Test
    @DisplayName("6.4.9 update_Selected: a partner System ID change reselects; the change is sent at once")
    void partnerSystemIdChange() {
        Sys a = twoPortSystem("A", 0x0a, BundleConfig.of("bond0", 10), port("a1", 1), port("a2", 2));
        Sys b = twoPortSystem("B", 0x0b, BundleConfig.of("bond0", 20), port("b1", 1), port("b2", 2));
        pairUp(a, b);
        t.runUntil(10 * S, () -> allCollDist(a, "a1", "a2") && allCollDist(b, "b1", "b2"));
        t.runFor(300);

        MacAddress shared = MacAddress.parse("02:00:00:00:00:aa");
        int sentBefore = b.sentOn("b1").size();
        b.handle(b.engine.setSystem(new LacpSystem(100, shared)));
        // Sent in the same call, not at the next periodic transmission.
        assertThat(b.sentOn("b1").size()).isEqualTo(sentBefore + 1);
        assertThat(b.sentOn("b1").get(sentBefore).pdu().actor().system()).isEqualTo(shared);
        t.drainWire();
        // Reselected at once onto an Aggregator for the new LAG ID, waiting out Aggregate_Wait_Time.
        assertThat(a.mux("a1")).isEqualTo(MuxMachine.State.WAITING);
        assertThat(a.forwarding("a1")).isFalse();
        assertThat(a.transitions).anyMatch(x -> x.port().equals("a1") && x.to() == MuxMachine.State.DETACHED
                && x.at() == t.now);

        t.runUntil(10 * S, () -> allCollDist(a, "a1", "a2") && allCollDist(b, "b1", "b2"));
        assertThat(a.engine.activeAggregator("bond0").partnerSystem()).isEqualTo(shared);
        assertThat(a.engine.activeAggregator("bond0").partnerSystemPriority()).isEqualTo(100);
    }

    @Test
    @DisplayName("6.4.14.1: partner ports with different keys form separate LAGs; only one carries the bundle")
    void mismatchedPartnerKeys() {
        Sys a = twoPortSystem("A", 0x0a, BundleConfig.of("bond0", 10), port("a1", 1), port("a2", 2));
        Sys b = t.system("B", 0x0b);
        b.bundle(BundleConfig.of("x", 20), port("b1", 1));
        b.bundle(BundleConfig.of("y", 21), port("b2", 2));
        pairUp(a, b);
        t.runFor(5_000);

        assertThat(a.port("a1").aggregatorId()).isNotEqualTo(a.port("a2").aggregatorId());
        assertThat(a.mux("a1")).isEqualTo(MuxMachine.State.COLLECTING_DISTRIBUTING);
        assertThat(a.mux("a2")).isEqualTo(MuxMachine.State.COLLECTING_DISTRIBUTING);
        // One bundle is one interface: exactly one of the two LAGs is in the data plane.
        assertThat(a.forwarding("a1") ^ a.forwarding("a2")).isTrue();
    }

    @Test
    @DisplayName("6.4.14.1 b): a link the partner declares individual gets an Aggregator of its own")
    void individualLink() {
        Sys a = twoPortSystem("A", 0x0a, BundleConfig.of("bond0", 10), port("a1", 1), port("a2", 2));
        Sys b = twoPortSystem("B", 0x0b, BundleConfig.of("bond0", 20), port("b1", 1).individual(),
                port("b2", 2));
        pairUp(a, b);
        t.runFor(5_000);

        Aggregator aggOfA1 = a.engine.aggregators("bond0").stream()
                .filter(g -> g.id() == a.port("a1").aggregatorId()).findFirst().orElseThrow();
        assertThat(aggOfA1.individual()).isTrue();
        assertThat(aggOfA1.ports()).hasSize(1);
        assertThat(a.port("a1").aggregatorId()).isNotEqualTo(a.port("a2").aggregatorId());
        assertThat(a.mux("a1")).isEqualTo(MuxMachine.State.COLLECTING_DISTRIBUTING);
    }

    @Test
    @DisplayName("6.4.13: passive-passive never speaks and never aggregates")
    void passivePassive() {
        BundleConfig bundle = BundleConfig.of("bond0", 10);
        Sys a = twoPortSystem("A", 0x0a, bundle, port("a1", 1).passive(), port("a2", 2).passive());
        Sys b = twoPortSystem("B", 0x0b, bundle, port("b1", 1).passive(), port("b2", 2).passive());
        Link[] links = pairUp(a, b);
        t.runFor(120_000);

        assertThat(a.sent).isEmpty();
        assertThat(b.sent).isEmpty();
        assertThat(a.forwarding("a1") || a.forwarding("a2") || b.forwarding("b1")).isFalse();
        assertThat(a.port("a1").periodicState()).isEqualTo(PeriodicTransmissionMachine.State.NO_PERIODIC);
        assertThat(a.port("a1").receiveState()).isEqualTo(ReceiveMachine.State.DEFAULTED);

        links[0].setCarrier(false);
        assertThat(a.port("a1").receiveState()).isEqualTo(ReceiveMachine.State.PORT_DISABLED);
    }

    @Test
    @DisplayName("6.4.13: passive answers an active partner and aggregates")
    void passiveActive() {
        Sys a = twoPortSystem("A", 0x0a, BundleConfig.of("bond0", 10), port("a1", 1), port("a2", 2));
        Sys b = twoPortSystem("B", 0x0b, BundleConfig.of("bond0", 20), port("b1", 1).passive(),
                port("b2", 2).passive());
        pairUp(a, b);
        long took = t.runUntil(10 * S, () -> allCollDist(a, "a1", "a2") && allCollDist(b, "b1", "b2"));
        assertThat(seconds(took)).isBetween(2.0, 2.5);
        assertThat(b.port("b1").actorOperPortState().activity()).isFalse();
        assertThat(b.sentOn("b1")).isNotEmpty();
    }

    @Test
    @DisplayName("6.4.14.1 e), 6.7.1: ports beyond max-links stand by (both ends agree) and are promoted on failure")
    void standbyBeyondMaxLinks() {
        // A has the better System ID (lower MAC), so A's port priorities decide: a3 is the
        // lowest priority and must be the one in STANDBY, on both ends.
        BundleConfig aBundle = BundleConfig.of("bond0", 10).withMaxLinks(2);
        Sys a = t.system("A", 0x0a).bundle(aBundle, port("a1", 1).withPriority(10),
                port("a2", 2).withPriority(20), port("a3", 3).withPriority(30));
        Sys b = t.system("B", 0x0b).bundle(BundleConfig.of("bond0", 20).withMaxLinks(2),
                port("b1", 3), port("b2", 2), port("b3", 1));
        t.link(a, "a1", b, "b1");
        Link l2 = t.link(a, "a2", b, "b2");
        t.link(a, "a3", b, "b3");
        t.runFor(6_000);

        assertThat(a.port("a3").selected()).isEqualTo(Selected.STANDBY);
        assertThat(b.port("b3").selected()).isEqualTo(Selected.STANDBY);
        assertThat(allCollDist(a, "a1", "a2") && allCollDist(b, "b1", "b2")).isTrue();
        assertThat(a.forwarding("a3") || b.forwarding("b3")).isFalse();
        assertThat(a.port("a3").actorOperPortState().synchronization()).isFalse();

        l2.setCarrier(false);
        long promoted = t.runUntil(10 * S, () -> allCollDist(a, "a1", "a3") && allCollDist(b, "b1", "b3"));
        assertThat(a.port("a3").selected()).isEqualTo(Selected.SELECTED);
        assertThat(seconds(promoted)).isBetween(2.0, 2.5);
    }

    @Test
    @DisplayName("6.4.17: partner churn detected when the partner never synchronises; actor churn on a standby port")
    void churnDetection() {
        Sys a = t.system("A", 0x0a).bundle(BundleConfig.of("bond0", 10).withMaxLinks(1),
                port("a1", 1), port("a2", 2));
        // A scripted partner that always claims to be out of sync.
        a.handle(a.engine.linkChanged("a1", true, true, 10_000));
        a.handle(a.engine.linkChanged("a2", true, true, 10_000));
        LacpInfo partner = new LacpInfo(32768, MacAddress.parse("02:00:00:00:00:0b"), 20, 255, 7,
                LacpPortState.of(LacpPortState.ACTIVITY | LacpPortState.TIMEOUT | LacpPortState.AGGREGATION));
        for (int i = 0; i < 70; i++) {
            LacpInfo heard = a.engine.currentLacpdu("a1").actor();
            a.handle(a.engine.receive("a1", new Lacpdu(partner, heard, 0)));
            LacpInfo heard2 = a.engine.currentLacpdu("a2").actor();
            a.handle(a.engine.receive("a2", new Lacpdu(
                    new LacpInfo(32768, partner.system(), 20, 255, 8, partner.state()), heard2, 0)));
            t.runFor(1_000);
        }
        assertThat(a.port("a1").partnerChurn()).isTrue();
        assertThat(a.port("a1").partnerChurnState()).isEqualTo(ChurnDetectionMachine.State.CHURN);
        assertThat(a.port("a1").counters().partnerChurnCount()).isEqualTo(1);
        assertThat(a.port("a1").actorChurn()).isFalse(); // a1 is attached: the actor is in sync
        assertThat(a.port("a2").selected()).isEqualTo(Selected.STANDBY);
        assertThat(a.port("a2").actorChurn()).isTrue();
        assertThat(a.events).anyMatch(e -> e.startsWith("a1: partner churn"));

        // a1 fails: a2 leaves STANDBY, attaches, and its actor churn clears [figure 6-24].
        a.handle(a.engine.linkChanged("a1", false, true, 10_000));
        t.runFor(3_000);
        assertThat(a.port("a2").selected()).isEqualTo(Selected.SELECTED);
        assertThat(a.port("a2").actorChurn()).isFalse();
        assertThat(a.port("a2").actorChurnState()).isEqualTo(ChurnDetectionMachine.State.NO_CHURN);
    }

    @Test
    @DisplayName("6.4.17: churn clears when synchronization is reached")
    void churnClears() {
        Sys a = twoPortSystem("A", 0x0a, BundleConfig.of("bond0", 10), port("a1", 1), port("a2", 2));
        Sys b = twoPortSystem("B", 0x0b, BundleConfig.of("bond0", 20), port("b1", 1), port("b2", 2));
        Link[] links = pairUp(a, b);
        links[0].silentFromB = true;
        t.runFor(61_000);
        assertThat(a.port("a1").partnerChurn()).isTrue();
        links[0].silentFromB = false;
        t.runUntil(10 * S, () -> allCollDist(a, "a1"));
        assertThat(a.port("a1").partnerChurn()).isFalse();
        assertThat(a.port("a1").partnerChurnState()).isEqualTo(ChurnDetectionMachine.State.NO_CHURN);
    }

    @Test
    @DisplayName("6.5.4.2: a Marker request is answered with the requester's fields unchanged")
    void markerAnswered() {
        Sys a = twoPortSystem("A", 0x0a, BundleConfig.of("bond0", 10), port("a1", 1), port("a2", 2));
        a.handle(a.engine.linkChanged("a1", true, true, 10_000));
        MarkerPdu request = MarkerPdu.request(7, MacAddress.parse("02:00:00:00:00:0b"), 0xdeadbeefL);
        List<LacpEffect> out = a.engine.receiveMarker("a1", request);

        assertThat(out).containsExactly(new LacpEffect.SendMarker("a1", new MarkerPdu(1, MarkerPdu.Tlv.RESPONSE, 7,
                MacAddress.parse("02:00:00:00:00:0b"), 0xdeadbeefL)));
        assertThat(a.port("a1").counters().markerPdusRx()).isEqualTo(1);
        assertThat(a.port("a1").counters().markerResponsePdusTx()).isEqualTo(1);
        a.engine.receiveMarker("a1", request.response());
        assertThat(a.port("a1").counters().markerResponsePdusRx()).isEqualTo(1);
        // A port that is down answers nothing.
        assertThat(a.engine.receiveMarker("a2", request)).isEmpty();
    }

    @Test
    @DisplayName("6.4.12 (bond_3ad): our own LACPDUs looped back are detected, counted and never aggregate")
    void loopedBack() {
        Sys a = twoPortSystem("A", 0x0a, BundleConfig.of("bond0", 10), port("a1", 1), port("a2", 2));
        t.link(a, "a1", a, "a2");
        t.runFor(10_000);
        assertThat(a.port("a1").counters().loopedBackRx()).isGreaterThan(0);
        assertThat(a.port("a2").counters().loopedBackRx()).isGreaterThan(0);
        assertThat(a.forwarding("a1") || a.forwarding("a2")).isFalse();
        assertThat(a.port("a1").receiveState()).isEqualTo(ReceiveMachine.State.DEFAULTED);
        assertThat(a.events).anyMatch(e -> e.contains("looped-back"));
    }

    @Test
    @DisplayName("6.4.16: an NTT the rate limit holds back goes out the moment the window lifts, with no other event to wake the engine")
    void heldBackLacpduGoesWhenTheWindowLifts() {
        Sys a = twoPortSystem("A", 0x0a, BundleConfig.of("bond0", 10), port("a1", 1), port("a2", 2));
        a.handle(a.engine.linkChanged("a1", true, true, 10_000));
        t.runFor(500);
        // A partner asking for the slow rate (no periodic LACPDU for 30 s) changes its key five
        // times in 5 ms: the first changes go at once, the rest wait for the window.
        for (int i = 0; i < 5; i++) {
            LacpInfo partner = new LacpInfo(32768, MacAddress.parse("02:00:00:00:00:0b"), 20 + (i % 2), 255, 1,
                    LacpPortState.of(0x05));
            a.handle(a.engine.receive("a1", new Lacpdu(partner, LacpInfo.NULL, 0)));
            t.runFor(1);
        }
        int before = a.sentOn("a1").size();
        assertThat(before).isGreaterThanOrEqualTo(3);
        assertThat(a.port("a1").ntt).as("a change still waits to be sent").isTrue();

        t.runFor(2_000);
        List<LacpTestbed.Sent> sent = a.sentOn("a1");
        assertThat(sent.size()).as("the held LACPDU went out").isGreaterThan(before);
        assertThat(sent.get(before).at()).as("sent as the oldest of the last three leaves the window")
                .isEqualTo(sent.get(before - 3).at() + S);
    }

    @Test
    @DisplayName("6.4.16: never more than three LACPDUs in any Fast_Periodic_Time")
    void transmitRateLimit() {
        Sys a = twoPortSystem("A", 0x0a, BundleConfig.of("bond0", 10), port("a1", 1), port("a2", 2));
        a.handle(a.engine.linkChanged("a1", true, true, 10_000));
        // A partner that changes its mind every 10 ms forces NTT again and again.
        for (int i = 0; i < 300; i++) {
            LacpInfo partner = new LacpInfo(32768, MacAddress.parse("02:00:00:00:00:0b"), 20 + (i % 2), 255, 1,
                    LacpPortState.of(0x07));
            a.handle(a.engine.receive("a1", new Lacpdu(partner, LacpInfo.NULL, 0)));
            t.runFor(10);
        }
        List<LacpTestbed.Sent> sent = a.sentOn("a1");
        assertThat(sent.size()).isGreaterThan(6);
        for (int i = 3; i < sent.size(); i++) {
            assertThat(sent.get(i).at() - sent.get(i - 3).at()).isGreaterThanOrEqualTo(S);
        }
    }

    @Test
    @DisplayName("6.4.15 figure 6-22: independent control collects before it distributes")
    void independentControl() {
        BundleConfig bundle = BundleConfig.of("bond0", 10).withMuxControl(MuxControl.INDEPENDENT);
        Sys a = twoPortSystem("A", 0x0a, bundle, port("a1", 1), port("a2", 2));
        Sys b = twoPortSystem("B", 0x0b, bundle, port("b1", 1), port("b2", 2));
        Link[] links = pairUp(a, b);
        t.runUntil(10 * S, () -> a.mux("a1") == MuxMachine.State.DISTRIBUTING
                && b.mux("b1") == MuxMachine.State.DISTRIBUTING && a.mux("a2") == MuxMachine.State.DISTRIBUTING);
        assertThat(a.firstTime("a1", "mux", MuxMachine.State.COLLECTING))
                .isLessThanOrEqualTo(a.firstTime("a1", "mux", MuxMachine.State.DISTRIBUTING));
        assertThat(a.forwarding("a1")).isTrue();
        assertThat(a.port("a1").actorOperPortState().bits()).isEqualTo(0x3f);

        // The partner stops collecting on a1 (link silent -> expired): a1 falls back to ATTACHED.
        links[0].silentFromB = true;
        t.runUntil(10 * S, () -> a.mux("a1") == MuxMachine.State.ATTACHED);
        assertThat(a.transitions).anyMatch(x -> x.port().equals("a1") && x.from() == MuxMachine.State.DISTRIBUTING
                && x.to() == MuxMachine.State.COLLECTING);
        assertThat(a.forwarding("a1")).isFalse();
    }

    @Test
    @DisplayName("min-links (bond_3ad, teamd): below min-links the bundle carries no traffic at all")
    void minLinks() {
        Sys a = twoPortSystem("A", 0x0a, BundleConfig.of("bond0", 10).withMinLinks(2), port("a1", 1), port("a2", 2));
        Sys b = twoPortSystem("B", 0x0b, BundleConfig.of("bond0", 20), port("b1", 1), port("b2", 2));
        Link[] links = pairUp(a, b);
        t.runUntil(10 * S, () -> allCollDist(a, "a1", "a2"));
        assertThat(a.engine.activeAggregator("bond0")).isNotNull();

        links[0].setCarrier(false);
        assertThat(a.mux("a2")).isEqualTo(MuxMachine.State.COLLECTING_DISTRIBUTING);
        assertThat(a.forwarding("a2")).isFalse();
        assertThat(a.engine.activeAggregator("bond0")).isNull();

        links[0].setCarrier(true);
        t.runUntil(10 * S, () -> allCollDist(a, "a1", "a2"));
        assertThat(a.engine.activeAggregator("bond0")).isNotNull();
    }

    @Test
    @DisplayName("6.4.8 port_moved: a partner port seen again on another port re-initialises the old one")
    void portMoved() {
        Sys a = t.system("A", 0x0a).bundle(BundleConfig.of("bond0", 10), port("a1", 1), port("a2", 2),
                port("a3", 3));
        Sys b = twoPortSystem("B", 0x0b, BundleConfig.of("bond0", 20), port("b1", 1), port("b2", 2));
        Link l1 = t.link(a, "a1", b, "b1");
        t.link(a, "a2", b, "b2");
        t.runUntil(10 * S, () -> allCollDist(a, "a1", "a2"));

        // Move the cable of b1 from a1 to a3: a1 goes down, b1 bounces, then shows up on a3.
        l1.setCarrier(false);
        t.link(a, "a3", b, "b1");
        assertThat(a.port("a1").receiveState()).isEqualTo(ReceiveMachine.State.PORT_DISABLED);
        assertThat(a.transitions).anyMatch(x -> x.port().equals("a1") && x.to() == ReceiveMachine.State.INITIALIZE
                && x.from() == ReceiveMachine.State.PORT_DISABLED);
        assertThat(a.port("a1").partnerOperInfo().system()).isEqualTo(MacAddress.ZERO);
        t.runUntil(10 * S, () -> allCollDist(a, "a2", "a3"));
    }

    @Test
    @DisplayName("issue 4 graceful stop: the final LACPDU clears sync/collecting/distributing and the partner reacts at once")
    void gracefulShutdown() {
        Sys a = twoPortSystem("A", 0x0a, BundleConfig.of("bond0", 10), port("a1", 1), port("a2", 2));
        Sys b = twoPortSystem("B", 0x0b, BundleConfig.of("bond0", 20), port("b1", 1), port("b2", 2));
        pairUp(a, b);
        t.runUntil(10 * S, () -> allCollDist(a, "a1", "a2") && allCollDist(b, "b1", "b2"));

        a.shutdown();
        List<LacpTestbed.Sent> a1 = a.sentOn("a1");
        LacpPortState last = a1.get(a1.size() - 1).pdu().actor().state();
        assertThat(last.synchronization() || last.collecting() || last.distributing()).isFalse();
        assertThat(a.forwarding("a1") || a.forwarding("a2")).isFalse();
        t.drainWire();
        assertThat(b.forwarding("b1") || b.forwarding("b2")).isFalse();
        assertThat(b.mux("b1")).isEqualTo(MuxMachine.State.ATTACHED);
    }

    @Test
    @DisplayName("6.4.12 LACP_DISABLED: a half-duplex link runs no LACP and is individual")
    void halfDuplex() {
        Sys a = twoPortSystem("A", 0x0a, BundleConfig.of("bond0", 10), port("a1", 1), port("a2", 2));
        a.handle(a.engine.linkChanged("a1", true, false, 100));
        assertThat(a.port("a1").receiveState()).isEqualTo(ReceiveMachine.State.LACP_DISABLED);
        assertThat(a.port("a1").partnerOperInfo().state().aggregation()).isFalse();
        t.runFor(5_000);
        assertThat(a.sentOn("a1")).isEmpty();
        a.handle(a.engine.linkChanged("a1", true, true, 100));
        assertThat(a.port("a1").receiveState()).isEqualTo(ReceiveMachine.State.EXPIRED);
        a.handle(a.engine.linkChanged("a1", false, true, 100));
        assertThat(a.port("a1").receiveState()).isEqualTo(ReceiveMachine.State.PORT_DISABLED);
    }

    @Test
    @DisplayName("6.4.14: ports of different speeds do not share an Aggregator")
    void speedMismatch() {
        Sys a = twoPortSystem("A", 0x0a, BundleConfig.of("bond0", 10), port("a1", 1), port("a2", 2));
        Sys b = twoPortSystem("B", 0x0b, BundleConfig.of("bond0", 20), port("b1", 1), port("b2", 2));
        pairUp(a, b);
        t.runUntil(10 * S, () -> allCollDist(a, "a1", "a2"));
        a.handle(a.engine.linkChanged("a2", true, true, 1_000));
        t.runFor(5_000);
        assertThat(a.port("a1").aggregatorId()).isNotEqualTo(a.port("a2").aggregatorId());
    }

    @Test
    @DisplayName("6.4.13: a late wake-up delays one LACPDU but the period does not drift")
    void noDriftOnLateTicks() {
        Sys a = twoPortSystem("A", 0x0a, BundleConfig.of("bond0", 10), port("a1", 1), port("a2", 2));
        Sys b = twoPortSystem("B", 0x0b, BundleConfig.of("bond0", 20), port("b1", 1), port("b2", 2));
        pairUp(a, b);
        t.runUntil(10 * S, () -> allCollDist(a, "a1", "a2") && allCollDist(b, "b1", "b2"));
        t.runFor(1_000);
        // Wake both systems in coarse 1.3 s steps (a stalled event loop): A's LACPDUs still
        // leave on the exact 1 s grid of its virtual clock.
        long start = a.engine.now();
        for (int i = 0; i < 10; i++) {
            t.now += 1_300 * MS;
            a.handle(a.engine.tick(1_300 * MS));
            b.handle(b.engine.tick(1_300 * MS));
            t.drainWire();
        }
        List<Long> periodicSends = a.transitions.stream()
                .filter(x -> x.port().equals("a1") && x.to() == PeriodicTransmissionMachine.State.PERIODIC_TX
                        && x.at() > start)
                .map(LacpTestbed.Transition::at).toList();
        assertThat(periodicSends).hasSize(13);
        for (int i = 1; i < periodicSends.size(); i++) {
            assertThat(periodicSends.get(i) - periodicSends.get(i - 1)).isEqualTo(S);
        }
        assertThat(allCollDist(a, "a1", "a2")).isTrue();
    }

    @Test
    @DisplayName("engine contract: time never runs backwards and unknown ports are refused")
    void contract() {
        Sys a = twoPortSystem("A", 0x0a, BundleConfig.of("bond0", 10), port("a1", 1), port("a2", 2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.engine.tick(-1))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.engine.linkChanged("nope", true, true, 1))
                .hasMessageContaining("no port nope");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.engine.addPort("bond0", port("a9", 1)))
                .hasMessageContaining("port number 1");
        a.engine.countIllegal("a1");
        a.engine.countUnknown("a1");
        assertThat(a.port("a1").counters().illegalRx()).isEqualTo(1);
        assertThat(a.port("a1").counters().unknownRx()).isEqualTo(1);
        assertThat(a.engine.nanosUntilNextEvent()).isEqualTo(60 * S); // only the churn timers run
    }
}
