package io.twinlink.stp;

import io.twinlink.fsm.MachineTrace;

import static io.twinlink.stp.StpTestbed.MS;
import static io.twinlink.stp.StpTestbed.S;
import static io.twinlink.stp.StpTestbed.millis;
import static io.twinlink.stp.StpTestbed.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinlink.stp.StpTestbed.Bridge;
import io.twinlink.stp.StpTestbed.Sent;
import io.twinlink.wire.Bpdu;
import io.twinlink.wire.BpduFlags;
import io.twinlink.wire.BpduPortRole;
import io.twinlink.wire.BpduTimes;
import io.twinlink.wire.BpduType;
import io.twinlink.wire.BridgeId;
import io.twinlink.wire.ConfigBpdu;
import io.twinlink.wire.InformationBpdu;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.PortId;
import io.twinlink.wire.RstBpdu;
import io.twinlink.wire.TcnBpdu;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * RSTP bridges joined by simulated LANs on a virtual clock ({@link StpTestbed}). Every test
 * names the clause of IEEE 802.1D-2004 whose behaviour it checks, and every event of every
 * test is checked for a forwarding loop by the testbed.
 */
class StpEngineTest {

    private final StpTestbed t = new StpTestbed();
    private static int testsRun;

    @AfterEach
    void countRunAndCheckTheLoopCheckRan() {
        testsRun++;
        if (!t.bridges.isEmpty()) {
            assertThat(t.loopChecks).as("events checked for loops").isGreaterThan(0);
        }
    }

    @AfterAll
    static void everyDiagramTransitionWasTaken() {
        long tests = Arrays.stream(StpEngineTest.class.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class)).count();
        if (testsRun < tests) {
            return; // a filtered run (one test from an IDE) cannot cover everything
        }
        List<String> missing = StpDiagrams.TRANSITIONS.stream().filter(x -> !StpTestbed.seen().contains(x)).toList();
        assertThat(missing).as("diagram transitions no scenario took").isEmpty();
    }

    private Bridge b(String name) {
        return t.bridges.get(name);
    }

    private boolean allConverged(String root) {
        Bridge r = b(root);
        return t.converged(r, t.bridges.values().toArray(Bridge[]::new));
    }

    private static List<InformationBpdu> info(List<Sent> sent) {
        return sent.stream().map(Sent::bpdu).filter(x -> x instanceof InformationBpdu)
                .map(x -> (InformationBpdu) x).toList();
    }

    // ------------------------------------------------------------------ root election, roles

    @Test
    @DisplayName("17.6, 17.21.25: the lowest Bridge Identifier is root; every bridge agrees; costs add up per hop")
    void rootElection() {
        // A mesh: A-B, A-C, B-C, B-D, C-D. A has the lowest MAC.
        t.bridge("D", 0x0d, "d e");
        t.bridge("B", 0x0b, "a c d");
        t.bridge("C", 0x0c, "b c e");
        t.bridge("A", 0x0a, "a b");
        t.start();

        long took = t.runUntil(10 * S, () -> allConverged("A"));

        assertThat(took).as("converged").isLessThan(S);
        for (Bridge x : t.bridges.values()) {
            assertThat(x.engine.rootId()).isEqualTo(b("A").engine.bridgeId());
        }
        assertThat(b("A").engine.isRoot()).isTrue();
        assertThat(b("A").engine.rootPort()).isNull();
        long hop = PathCostMethod.LONG.costFor(1_000);
        assertThat(hop).isEqualTo(20_000);
        assertThat(b("B").engine.rootPathCost()).isEqualTo(hop);
        assertThat(b("C").engine.rootPathCost()).isEqualTo(hop);
        assertThat(b("D").engine.rootPathCost()).isEqualTo(2 * hop);
        // D reaches the root through B (lower Designated Bridge ID at equal cost) [17.6].
        assertThat(b("D").engine.rootPort().name()).isEqualTo("D1");
        t.expect("A", "Df Df");
        t.expect("B", "Rf Df Df");
        t.expect("C", "Rf Ad Df");
        t.expect("D", "Rf Ad");
        // Exactly the number of blocked ports a mesh of 4 bridges and 5 links needs: 5 - (4 - 1).
        long blocked = t.bridges.values().stream().flatMap(x -> x.engine.ports().stream())
                .filter(p -> p.role() == PortRole.ALTERNATE).count();
        assertThat(blocked).isEqualTo(2);
    }

    @Test
    @DisplayName("9.2.5, 17.13.9: bridge priority comes before the MAC address; a better priority takes the root")
    void bridgePriority() {
        t.bridge("A", 0x0a, "a");
        t.bridge("B", 0x0b, "a b");
        t.bridge("C", 0x0c, "b", c -> c.withPriority(4096));
        t.start();
        t.runUntil(10 * S, () -> allConverged("C"));
        assertThat(b("A").engine.rootId()).isEqualTo(BridgeId.of(4096, b("C").mac));
        t.expect("C", "Df");
        t.expect("B", "Df Rf");
        t.expect("A", "Rf");
    }

    @Test
    @DisplayName("17.7, 17.21.25 j): a ring of three has exactly one Alternate Port, on the bridge farthest from the root")
    void ringOfThree() {
        t.bridge("A", 0x0a, "a b");
        t.bridge("B", 0x0b, "a c");
        t.bridge("C", 0x0c, "b c");
        t.start();

        long took = t.runUntil(10 * S, () -> allConverged("A"));

        t.expect("A", "Df Df");
        t.expect("B", "Rf Df");
        t.expect("C", "Rf Ad"); // C hears B (cost 20000) and A (0) on LANs of equal cost: B's side blocks
        assertThat(millis(took)).as("ring converged, ms").isLessThan(50);
        t.runFor(30_000);
        t.expect("C", "Rf Ad");
        assertThat(b("C").port("C2").portPriority().designatedBridgeId()).isEqualTo(b("B").engine.bridgeId());
        t.cut("c"); // the blocked link goes: nothing else changes
        t.expect("C", "Rf Xd");
        t.expect("B", "Rf Xd");
    }

    @Test
    @DisplayName("17.10, 17.29.2: a cut in the ring puts the Alternate Port to forwarding within milliseconds")
    void ringLinkFailure() {
        t.bridge("A", 0x0a, "a b");
        t.bridge("B", 0x0b, "a c");
        t.bridge("C", 0x0c, "b c");
        t.start();
        t.runUntil(10 * S, () -> allConverged("A"));
        t.runFor(5_000);

        long cutAt = t.now;
        t.cut("b"); // A-C: C's root port goes, its alternate (via B) takes over
        long took = t.runUntil(10 * S, () -> allConverged("A"));

        t.expect("C", "Xd Rf");
        t.expect("B", "Rf Df");
        assertThat(b("C").engine.rootPathCost()).isEqualTo(40_000);
        assertThat(millis(took)).as("ring reconvergence, ms").isLessThan(10);
        // The alternate went straight to forwarding as Root Port [17.29.2 ROOT_LEARN/ROOT_FORWARD, reRooted].
        assertThat(b("C").firstTime("C2", "pst", PortStateTransitionMachine.State.FORWARDING, cutAt))
                .isLessThanOrEqualTo(cutAt + 5 * MS);

        t.restore("b");
        t.runUntil(10 * S, () -> allConverged("A"));
        t.expect("C", "Rf Ad");
        t.runFor(5_000);

        // Now the cut is at B's root port: B has no alternate and must hear the way round from C.
        t.cut("a");
        took = t.runUntil(10 * S, () -> allConverged("A"));
        t.expect("B", "Xd Rf");
        t.expect("C", "Rf Df");
        assertThat(b("B").engine.rootPathCost()).isEqualTo(40_000);
        assertThat(millis(took)).as("one BPDU round trip B-C: proposal, agreement").isLessThanOrEqualTo(3.0);
    }

    @Test
    @DisplayName("17.27, 17.28: when the root dies the next best bridge is elected and the others follow it")
    void rootFailure() {
        // Ring of four with a chord: A-B, B-C, C-D, D-A, B-D.
        t.bridge("A", 0x0a, "a d");
        t.bridge("B", 0x0b, "a b e");
        t.bridge("C", 0x0c, "b c");
        t.bridge("D", 0x0d, "c d e");
        t.start();
        t.runUntil(10 * S, () -> allConverged("A"));
        t.runFor(5_000);

        t.kill("A");
        long took = t.runUntil(60 * S, () -> t.converged(b("B"), b("B"), b("C"), b("D")));

        for (String x : List.of("B", "C", "D")) {
            assertThat(b(x).engine.rootId()).as(x + "'s root").isEqualTo(b("B").engine.bridgeId());
        }
        // The dead root's information circulated in the B-C-D triangle for a while (RSTP's
        // "count to infinity", bounded by Max Age hops and TxHoldCount), never as a loop.
        assertThat(b("B").engine.isRoot()).isTrue();
        t.expect("B", "Xd Df Df");
        t.expect("C", "Rf Df");
        t.expect("D", "Ad Xd Rf");
        assertThat(seconds(took)).isLessThan(b("B").engine.config().maxAge());
    }

    // ------------------------------------------------------------------ proposal / agreement

    @Test
    @DisplayName("17.29.3, 17.21.9: on a point-to-point link proposal and agreement put both ends forwarding well under 1 s")
    void proposalAgreementHandshake() {
        t.bridge("A", 0x0a, "a");
        t.bridge("B", 0x0b, "a");
        t.start();

        long took = t.runUntil(10 * S, () -> b("A").forwarding("A1") && b("B").forwarding("B1"));

        assertThat(took).as("link up -> both forwarding").isLessThan(S);
        // A proposed; B, whose port became Root Port, answered with an agreement.
        List<InformationBpdu> fromA = info(b("A").sentOn("A1"));
        List<InformationBpdu> fromB = info(b("B").sentOn("B1"));
        assertThat(fromA).anyMatch(x -> x.flags().proposal() && x.flags().portRole() == BpduPortRole.DESIGNATED);
        assertThat(fromB).anyMatch(x -> x.flags().agreement() && x.flags().portRole() == BpduPortRole.ROOT);
        assertThat(b("A").took("A1", "prt", PortRoleTransitionsMachine.State.DESIGNATED_PORT,
                PortRoleTransitionsMachine.State.DESIGNATED_PROPOSE)).isTrue();
        assertThat(b("B").took("B1", "prt", PortRoleTransitionsMachine.State.ROOT_PORT,
                PortRoleTransitionsMachine.State.ROOT_AGREED)).isTrue();
        // Learning came before forwarding, without a forward delay in between.
        assertThat(b("A").took("A1", "pst", PortStateTransitionMachine.State.LEARNING,
                PortStateTransitionMachine.State.FORWARDING)).isTrue();
        assertThat(b("A").port("A1").counters().forwardTransitions()).isEqualTo(1);
    }

    @Test
    @DisplayName("17.10, 17.29: sync ripples down a chain: a new, better root at one end is forwarding everywhere in under 1 s")
    void syncRipplesDownAChain() {
        t.bridge("B", 0x0b, "a");
        t.bridge("C", 0x0c, "a b");
        t.bridge("D", 0x0d, "b c");
        t.bridge("E", 0x0e, "c d");
        t.bridge("F", 0x0f, "d e"); // LAN e is empty for now
        t.start();
        t.runUntil(10 * S, () -> allConverged("B"));
        t.runFor(3_000);

        // A better root plugs into F's free port: every port of the chain must change its mind.
        t.bridge("A", 0x0a, "e", c -> c.withPriority(0));
        t.start();
        long took = t.runUntil(10 * S, () -> allConverged("A"));

        assertThat(took).as("whole chain re-rooted and forwarding").isLessThan(S);
        for (Bridge x : t.bridges.values()) {
            assertThat(x.engine.rootId()).isEqualTo(b("A").engine.bridgeId());
        }
        t.expect("B", "Rf");
        t.expect("C", "Df Rf");
        t.expect("F", "Df Rf");
        assertThat(b("C").took("C2", "prt", PortRoleTransitionsMachine.State.ROOT_PORT,
                PortRoleTransitionsMachine.State.ROOT_PROPOSED)).isTrue();
    }

    // ------------------------------------------------------------------ STP compatibility

    @Test
    @DisplayName("17.24, 17.4: an 802.1D bridge on the link: our port falls back to Configuration BPDUs and forward delay timers, then mcheck brings RSTP back")
    void legacyBridgeOnTheLink() {
        t.sharedLan("s"); // a hub, so that our port keeps its carrier when the legacy bridge leaves
        t.bridge("A", 0x0a, "s");
        t.legacyBridge("L", 0x0b, "s", c -> c.withTimers(2, 6, 4));
        t.start();

        long took = t.runUntil(120 * S, () -> b("A").forwarding("A1") && b("L").forwarding("L1"));

        StpPort a1 = b("A").port("A1");
        assertThat(a1.sendRstp()).as("A1 speaks 802.1D").isFalse();
        assertThat(a1.migrationState()).isEqualTo(PortProtocolMigrationMachine.State.SENSING);
        assertThat(b("A").events).anyMatch(e -> e.contains("802.1D bridge on the link"));
        // Once migrated, A1 sends only Configuration BPDUs (version 0).
        long migratedAt = b("A").firstTime("A1", "ppm", PortProtocolMigrationMachine.State.SELECTING_STP, 0);
        List<Sent> after = b("A").sentOnSince("A1", migratedAt + 1);
        assertThat(after).isNotEmpty().allMatch(s -> s.bpdu().type() == BpduType.CONFIG
                && s.bpdu().protocolVersion() == 0);
        assertThat(a1.counters().configTx()).isGreaterThan(0);
        // No agreement is possible: A1 waited out fdWhile (Max Age, then Forward Delay for learning).
        long learningAt = b("A").firstTime("A1", "pst", PortStateTransitionMachine.State.LEARNING, 0);
        long forwardingAt = b("A").firstTime("A1", "pst", PortStateTransitionMachine.State.FORWARDING, 0);
        assertThat(seconds(forwardingAt - learningAt)).as("learning lasts Forward Delay").isBetween(14.0, 15.0);
        assertThat(b("A").took("A1", "prt", PortRoleTransitionsMachine.State.DESIGNATED_PORT,
                PortRoleTransitionsMachine.State.DESIGNATED_LEARN)).isTrue();
        // The legacy bridge's root port forwarding is a topology change: it sends TCNs, we acknowledge.
        t.runUntil(30 * S, () -> b("L").port("L1").counters().tcnTx() > 0);
        t.runFor(6_000);
        assertThat(a1.counters().tcnRx()).isGreaterThan(0);
        assertThat(info(b("A").sentOn("A1"))).anyMatch(x -> x.flags().topologyChangeAck());
        assertThat(b("L").took("L1", "tcm", TopologyChangeMachine.State.ACTIVE,
                TopologyChangeMachine.State.ACKNOWLEDGED)).isTrue();

        // The legacy bridge leaves the hub. Nothing tells A1: it keeps talking 802.1D...
        t.kill("L");
        t.runFor(60_000);
        assertThat(a1.sendRstp()).isFalse();
        assertThat(b("A").sentOn("A1").get(b("A").sentOn("A1").size() - 1).bpdu().type()).isEqualTo(BpduType.CONFIG);
        // ...until management checks [17.19.13 mcheck].
        int before = b("A").sentOn("A1").size();
        b("A").handle(b("A").engine.mcheck("A1"));
        t.runFor(10_000);
        assertThat(a1.sendRstp()).isTrue();
        List<Sent> afterCheck = b("A").sentOn("A1").subList(before, b("A").sentOn("A1").size());
        assertThat(afterCheck).isNotEmpty().allMatch(s -> s.bpdu().type() == BpduType.RST);
    }

    @Test
    @DisplayName("17.24: when an RSTP bridge replaces the 802.1D one, its first RST BPDU brings the port back to RSTP")
    void legacyReplacedByRstp() {
        t.sharedLan("s");
        t.bridge("A", 0x0a, "s");
        t.legacyBridge("L", 0x0b, "s", c -> c);
        t.bridge("B", 0x0c, "-");
        t.start();
        t.runUntil(10 * S, () -> !b("A").port("A1").sendRstp());
        t.runFor(5_000); // A1 is SENSING again (SELECTING_STP lasts MigrateTime)
        t.kill("L");
        t.move("B1", "s");
        t.runUntil(20 * S, () -> b("A").port("A1").sendRstp());
        assertThat(b("A").port("A1").sendRstp()).isTrue();
        assertThat(b("A").took("A1", "ppm", PortProtocolMigrationMachine.State.SENSING,
                PortProtocolMigrationMachine.State.CHECKING_RSTP)).isTrue();
        t.runFor(10_000);
        assertThat(b("B").port("B1").sendRstp()).isTrue();
    }

    @Test
    @DisplayName("17.13.4: ForceProtocolVersion 0 (mode stp): Configuration and TCN BPDUs only, 802.1D timings")
    void stpMode() {
        t.bridge("A", 0x0a, "a", c -> c.withForceVersion(ForceProtocolVersion.STP).withTimers(2, 6, 4));
        t.bridge("B", 0x0b, "a b", c -> c.withForceVersion(ForceProtocolVersion.STP));
        t.bridge("C", 0x0c, "b");
        t.start();

        long took = t.runUntil(120 * S, () -> allConverged("A"));

        for (String x : List.of("A", "B")) {
            assertThat(b(x).sent).isNotEmpty().allMatch(s -> s.bpdu().protocolVersion() == 0
                    && s.bpdu().type() != BpduType.RST);
        }
        assertThat(b("B").sent).anyMatch(s -> s.bpdu() instanceof TcnBpdu);
        // C is RSTP, but talks 802.1D to B.
        assertThat(b("C").port("C1").sendRstp()).isFalse();
        // Root's Max Age (6) + Forward Delay (4), then Forward Delay again: no rapid transitions.
        assertThat(seconds(took)).isGreaterThan(8.0);
        assertThat(b("A").engine.view().forceVersion()).isEqualTo(ForceProtocolVersion.STP);
        b("A").handle(b("A").engine.mcheck("A1")); // mcheck means nothing in STP mode
        assertThat(b("A").port("A1").sendRstp()).isFalse();
    }

    // ------------------------------------------------------------------ topology change

    @Test
    @DisplayName("17.31: a topology change is detected, propagated with TC for HelloTime+1, and flushes every other non-edge port")
    void topologyChangePropagation() {
        t.hostLan("h");
        t.bridge("A", 0x0a, "a");
        t.bridge("B", 0x0b, "a b h");
        t.bridge("C", 0x0c, "b c");
        t.bridge("D", 0x0d, "c d"); // D2's LAN d is empty until E arrives
        t.bridge("E", 0x0e, "-");
        b("B").port(3, p -> p.withAdminEdge(true));
        t.start();
        t.runUntil(10 * S, () -> allConverged("A"));
        t.runFor(10_000);
        long before = b("B").engine.topologyChanges();
        for (Bridge x : t.bridges.values()) {
            x.flushes.clear();
        }

        long at = t.now;
        t.move("E1", "d"); // a new bridge behind D: D2 starts forwarding, which is a topology change
        t.runUntil(10 * S, () -> allConverged("A"));
        t.runFor(200);

        assertThat(b("D").firstTime("D2", "tcm", TopologyChangeMachine.State.DETECTED, at)).isGreaterThan(at);
        // Every bridge flushed the ports other than the one the change came in on, never an edge.
        assertThat(b("D").flushes).extracting(StpTestbed.Flush::port).containsExactly("D1");
        assertThat(b("C").flushes).extracting(StpTestbed.Flush::port).containsExactly("C1");
        assertThat(b("B").flushes).extracting(StpTestbed.Flush::port).containsExactly("B1");
        assertThat(b("A").flushes).isEmpty();
        assertThat(b("B").engine.topologyChanges()).isEqualTo(before + 1);
        assertThat(b("B").topologyChanges).last().isEqualTo(new StpEffect.TopologyChange("B1", true));
        // TC went up to the root in RST BPDUs, at once (newTcWhile sets newInfo) and only while tcWhile ran.
        List<Sent> up = b("B").sentOnSince("B1", at);
        assertThat(info(up)).isNotEmpty().allMatch(x -> x.flags().topologyChange());
        assertThat(up.get(0).at() - at).as("TC relayed by B").isLessThan(10 * MS);
        assertThat(b("A").port("A1").counters().topologyChangeRx()).isGreaterThan(0);
        assertThat(b("B").port("B1").counters().topologyChangeTx()).isGreaterThan(0);
        assertThat(b("B").engine.view().topologyChange()).isTrue();
        t.runFor(10_000);
        assertThat(b("B").engine.topologyChangeInProgress()).isFalse();
        assertThat(b("B").topologyChanges).last().isEqualTo(new StpEffect.TopologyChange("B1", false));
        long lastTc = b("C").sentOn("C2").stream().filter(s -> ((InformationBpdu) s.bpdu()).flags().topologyChange())
                .mapToLong(Sent::at).max().orElseThrow();
        assertThat(seconds(lastTc - at)).as("TC sent for tcWhile = HelloTime + 1").isLessThanOrEqualTo(3.0);
        assertThat(b("B").engine.view().sinceTopologyChangeNanos()).isGreaterThan(10 * S);
    }

    // ------------------------------------------------------------------ edges

    @Test
    @DisplayName("17.25: an admin edge port forwards at once, causes no topology change, and stops being an edge on a BPDU")
    void edgePort() {
        t.hostLan("h");
        t.bridge("A", 0x0a, "a h");
        t.bridge("B", 0x0b, "a");
        b("A").port(2, p -> p.withAdminEdge(true));
        t.start();
        t.runUntil(10 * S, () -> allConverged("A"));
        assertThat(b("A").port("A2").operEdge()).isTrue();
        // Link up at virtual time 0, forwarding at 0: no proposal, no timer.
        assertThat(b("A").firstTime("A2", "pst", PortStateTransitionMachine.State.FORWARDING, 0)).isZero();
        assertThat(b("A").sentOn("A2")).allMatch(x -> !((RstBpdu) x.bpdu()).flags().proposal());
        assertThat(b("A").transitions).noneMatch(x -> x.port().equals("A2") && x.to() == TopologyChangeMachine.State.DETECTED);

        // A bridge is plugged where the host was: its first BPDU ends A2's edge status.
        t.bridge("C", 0x0c, "h");
        t.start();
        t.runFor(5_000);
        assertThat(b("A").port("A2").operEdge()).isFalse();
        assertThat(b("A").took("A2", "bdm", BridgeDetectionMachine.State.EDGE, BridgeDetectionMachine.State.NOT_EDGE))
                .isTrue();
        t.expect("A", "Df Df");
        t.expect("C", "Rf");
    }

    @Test
    @DisplayName("17.25, 17.20.4: auto-edge: a port that hears no BPDU for EdgeDelay after proposing becomes an edge and forwards")
    void autoEdge() {
        t.hostLan("h");
        t.hostLan("k");
        t.bridge("A", 0x0a, "h k");
        b("A").port(2, p -> p.withAutoEdge(false));
        t.start();
        long took = t.runUntil(60 * S, () -> b("A").forwarding("A1"));
        assertThat(seconds(took)).as("EdgeDelay = MigrateTime on a point-to-point link").isBetween(2.0, 3.0);
        assertThat(b("A").port("A1").operEdge()).isTrue();
        assertThat(b("A").took("A1", "bdm", BridgeDetectionMachine.State.NOT_EDGE, BridgeDetectionMachine.State.EDGE))
                .isTrue();
        // Without AutoEdge the port waits fdWhile: Max Age to learning, HelloTime (sendRSTP) to forwarding.
        long without = t.runUntil(60 * S, () -> b("A").forwarding("A2")) + took;
        assertThat(seconds(without)).isBetween(20.0, 23.0);
        assertThat(b("A").port("A2").operEdge()).isFalse();
    }

    @Test
    @DisplayName("BPDU guard: an edge port that receives a BPDU is disabled, counted and reported, until cleared")
    void bpduGuard() {
        t.hostLan("h");
        t.bridge("A", 0x0a, "h");
        b("A").port(1, p -> p.withAdminEdge(true).withBpduGuard(true));
        t.bridge("R", 0x0b, "-");
        t.start();
        t.runFor(1_000);
        assertThat(b("A").forwarding("A1")).isTrue();

        t.move("R1", "h"); // a rogue switch appears on the edge port
        t.runFor(100);

        StpPort a1 = b("A").port("A1");
        assertThat(a1.bpduGuardTripped()).isTrue();
        assertThat(a1.portEnabled()).isFalse();
        assertThat(a1.state()).isEqualTo(PortState.DISCARDING);
        assertThat(a1.role()).isEqualTo(PortRole.DISABLED);
        assertThat(a1.counters().bpduGuardActions()).isEqualTo(1);
        assertThat(b("A").guardActions).containsExactly(new StpEffect.GuardAction("A1", Guard.BPDU_GUARD, true));
        assertThat(b("A").events).anyMatch(e -> e.startsWith("A1: bpdu-guard"));
        assertThat(b("A").engine.view().ports().get(0).guard()).isEqualTo("bpdu-guard");
        // It stays down whatever the rogue does, and it sends nothing meanwhile.
        int sent = b("A").sentOn("A1").size();
        t.runFor(30_000);
        assertThat(a1.bpduGuardTripped()).isTrue();
        assertThat(b("A").sentOn("A1")).hasSize(sent);

        t.kill("R");
        b("A").handle(b("A").engine.clearBpduGuard("A1"));
        t.runFor(100);
        assertThat(a1.portEnabled()).isTrue();
        assertThat(b("A").forwarding("A1")).isTrue();
        assertThat(b("A").guardActions).last().isEqualTo(new StpEffect.GuardAction("A1", Guard.BPDU_GUARD, false));
    }

    @Test
    @DisplayName("root guard (802.1Q restrictedRole): superior BPDUs keep the port Alternate and discarding until they stop")
    void rootGuard() {
        t.bridge("A", 0x0a, "a", c -> c.withPriority(4096));
        t.bridge("B", 0x0b, "a b");
        t.bridge("X", 0x0c, "b", c -> c.withPriority(0)); // a customer switch that wants to be root
        b("B").port(2, p -> p.withRootGuard(true));
        t.start();
        t.runFor(5_000);

        StpPort b2 = b("B").port("B2");
        assertThat(b("B").engine.rootId()).as("B keeps A as root").isEqualTo(b("A").engine.bridgeId());
        assertThat(b2.role()).isEqualTo(PortRole.ALTERNATE);
        assertThat(b2.state()).isEqualTo(PortState.DISCARDING);
        assertThat(b2.rootInconsistent()).isTrue();
        assertThat(b2.counters().rootGuardActions()).isEqualTo(1);
        assertThat(b("B").guardActions).containsExactly(new StpEffect.GuardAction("B2", Guard.ROOT_GUARD, true));
        assertThat(b("B").events).anyMatch(e -> e.startsWith("B2: root-guard: superior BPDU"));
        assertThat(b("B").engine.view().ports().get(1).guard()).isEqualTo("root-inconsistent");
        t.expect("B", "Rf Ad");

        // The customer lowers its ambitions: its BPDUs are no longer superior, the port is released.
        t.silence("X1", true);
        long at = t.now;
        long took = t.runUntil(30 * S, () -> b2.state() == PortState.FORWARDING);
        assertThat(seconds(took)).as("3 x HelloTime for the superior information to age, then agreement or timers")
                .isBetween(4.0, 30.0);
        assertThat(b2.rootInconsistent()).isFalse();
        assertThat(b2.role()).isEqualTo(PortRole.DESIGNATED);
        assertThat(b("B").guardActions).last().isEqualTo(new StpEffect.GuardAction("B2", Guard.ROOT_GUARD, false));
        assertThat(b("B").firstTime("B2", "pim", PortInformationMachine.State.AGED, at)).isGreaterThan(at);
    }

    // ------------------------------------------------------------------ shared LANs, backup ports

    @Test
    @DisplayName("17.21.25 k), 17.29.4: two ports of one bridge on the same LAN: one Designated, the other Backup")
    void backupPort() {
        t.sharedLan("s");
        t.bridge("A", 0x0a, "a");
        t.bridge("B", 0x0b, "a s s");
        t.bridge("C", 0x0c, "s");
        t.start();
        t.runUntil(120 * S, () -> allConverged("A"));
        t.expect("B", "Rf Df Bd");
        t.expect("C", "Rf");
        assertThat(b("B").took("B3", "prt", PortRoleTransitionsMachine.State.ALTERNATE_PORT,
                PortRoleTransitionsMachine.State.BACKUP_PORT)).isTrue();
        assertThat(b("B").port("B2").operPointToPoint()).isFalse();

        // The designated port fails: the backup ages B2's information out and takes over the LAN.
        t.move("B2", "z");
        t.runUntil(60 * S, () -> b("B").forwarding("B3"));
        assertThat(b("B").port("B3").role()).isEqualTo(PortRole.DESIGNATED);
        assertThat(b("B").forwarding("B3")).isTrue();
    }

    @Test
    @DisplayName("6.4.3, 17.21.9: no rapid agreement on a shared (half-duplex) LAN unless point-to-point is forced")
    void pointToPoint() {
        t.sharedLan("s");
        t.sharedLan("u");
        t.bridge("A", 0x0a, "s u");
        t.bridge("B", 0x0b, "s u");
        t.lan("s").speedMbps = 100; // the root path goes over u
        for (String x : List.of("A", "B")) {
            b(x).port(1, p -> p.withAutoEdge(false));
            b(x).port(2, p -> p.withPointToPoint(AdminPointToPoint.FORCE_TRUE));
        }
        t.start();
        long fast = t.runUntil(60 * S, () -> b("A").forwarding("A2") && b("B").forwarding("B2"));
        long slow = t.runUntil(60 * S, () -> b("A").forwarding("A1")) + fast;
        assertThat(fast).isLessThan(S);
        assertThat(seconds(slow)).as("Max Age, then forwardDelay (HelloTime) twice").isBetween(20.0, 24.0);
        t.expect("B", "Ad Rf");
        assertThat(b("A").port("A1").operPointToPoint()).isFalse();
        assertThat(b("A").port("A2").operPointToPoint()).isTrue();
        // B1's agreement reached A1, which may not use it on a shared LAN.
        assertThat(info(b("B").sentOn("B1"))).anyMatch(x -> x.flags().agreement());
        assertThat(b("A").took("A1", "prt", PortRoleTransitionsMachine.State.DESIGNATED_PORT,
                PortRoleTransitionsMachine.State.DESIGNATED_LEARN)).isTrue();
        assertThat(AdminPointToPoint.FORCE_FALSE.operPointToPoint(true)).isFalse();
        assertThat(AdminPointToPoint.AUTO.operPointToPoint(false)).isFalse();
    }

    // ------------------------------------------------------------------ dispute, ageing

    @Test
    @DisplayName("17.21.10, 17.29.3: a one-way link cannot make a loop: the dispute keeps the Designated Port discarding")
    void oneWayLink() {
        t.bridge("A", 0x0a, "a b");
        t.bridge("B", 0x0b, "a c");
        t.bridge("C", 0x0c, "b c");
        t.start();
        t.runUntil(10 * S, () -> allConverged("A"));
        t.runFor(5_000);
        // B's BPDUs to C are lost from now on: C's alternate port C2 ages B's information out
        // and claims to be Designated; B keeps hearing it and disputes.
        t.silence("B2", true);
        t.runFor(30_000);
        assertThat(b("B").events).anyMatch(e -> e.contains("dispute"));
        assertThat(b("B").took("B2", "pim", PortInformationMachine.State.RECEIVE,
                PortInformationMachine.State.INFERIOR_DESIGNATED)).isTrue();
        // Whatever each side believes, the testbed never saw a loop; the ring stays broken somewhere.
        boolean bothForward = b("B").forwarding("B2") && b("C").forwarding("C2");
        assertThat(bothForward).isFalse();
        t.silence("B2", false);
        t.runUntil(30 * S, () -> allConverged("A"));
        t.expect("C", "Rf Ad");
    }

    @Test
    @DisplayName("17.21.23: received information lives 3 x HelloTime; a silent Designated Bridge is aged out")
    void informationAgesOut() {
        t.bridge("A", 0x0a, "a");
        t.bridge("B", 0x0b, "a");
        t.start();
        t.runUntil(10 * S, () -> allConverged("A"));
        t.runFor(3_000);
        long at = t.now;
        t.silence("A1", true);
        t.runUntil(30 * S, () -> b("B").engine.isRoot());
        double aged = seconds(t.now - at);
        assertThat(aged).as("3 x HelloTime, in whole-second ticks").isBetween(4.0, 6.0);
        assertThat(b("B").events).anyMatch(e -> e.contains("aged out"));
        assertThat(b("B").took("B1", "pim", PortInformationMachine.State.CURRENT, PortInformationMachine.State.AGED))
                .isTrue();
    }

    @Test
    @DisplayName("17.21.23, 17.19.15: Message Age grows one per hop; information older than Max Age is not accepted")
    void maxAgeBoundsTheTree() {
        String[] lans = {"a", "b", "c", "d", "e", "f", "g", "h"};
        t.bridge("A", 0x0a, "a", c -> c.withTimers(2, 6, 4).withPriority(0));
        for (int i = 0; i < 7; i++) {
            t.bridge("N" + i, 0x20 + i, lans[i] + " " + lans[i + 1]);
        }
        t.start();
        t.runFor(60_000);
        for (int i = 0; i <= 5; i++) {
            assertThat(b("N" + i).engine.rootId()).as("N" + i).isEqualTo(b("A").engine.bridgeId());
            assertThat(b("N" + i).port("N" + i + "1").portTimes().messageAge()).isEqualTo(i);
        }
        // N6 hears Message Age 6: one second older would exceed Max Age 6, so rcvdInfoWhile is 0
        // and the information ages out as soon as it is recorded: A's tree ends at N5.
        assertThat(b("N6").engine.rootId()).isNotEqualTo(b("A").engine.bridgeId());
        assertThat(b("N6").took("N61", "pim", PortInformationMachine.State.CURRENT,
                PortInformationMachine.State.AGED)).isTrue();
    }

    // ------------------------------------------------------------------ transmission

    @Test
    @DisplayName("17.26, 17.13.12: never more than TxHoldCount BPDUs per port before the next tick lowers txCount")
    void transmitHoldCount() {
        t.bridge("A", 0x0a, "a");
        t.bridge("B", 0x0b, "a b", c -> c.withTxHoldCount(2));
        t.bridge("C", 0x0c, "b");
        t.start();
        // Churn: C's link flaps every 50 ms for a while.
        for (int i = 0; i < 200; i++) {
            if (i % 2 == 0) {
                t.cut("b");
            } else {
                t.restore("b");
            }
            t.runFor(50);
        }
        List<Sent> sent = b("B").sentOn("B2");
        assertThat(sent.size()).as("one proposal per flap is far too many: the hold count limits them")
                .isBetween(10, 2 + 11);
        // txCount goes up by one per BPDU and down by one per tick: 2 + (ticks elapsed) at most.
        for (int i = 0; i < sent.size(); i++) {
            for (int j = i; j < sent.size(); j++) {
                long span = sent.get(j).at() - sent.get(i).at();
                int ticks = (int) (span / S) + 1;
                assertThat(j - i + 1).as("BPDUs in %.3f s", seconds(span)).isLessThanOrEqualTo(2 + ticks);
            }
        }
    }

    @Test
    @DisplayName("17.26, 17.22: a Designated Port sends a BPDU every HelloTime; a settled Root Port stays silent")
    void helloTime() {
        t.bridge("A", 0x0a, "a", c -> c.withTimers(1, 20, 15));
        t.bridge("B", 0x0b, "a");
        t.start();
        t.runUntil(10 * S, () -> allConverged("A"));
        t.runFor(5_000);
        long from = t.now;
        t.runFor(20_000);
        List<Sent> hellos = b("A").sentOnSince("A1", from);
        assertThat(hellos).hasSize(20);
        for (int i = 1; i < hellos.size(); i++) {
            assertThat(hellos.get(i).at() - hellos.get(i - 1).at()).isEqualTo(S);
        }
        assertThat(b("B").sentOnSince("B1", from)).isEmpty();
        // Times travel from the root; Hello Time is each bridge's own [17.21.25 e)].
        BpduTimes sentByA = ((RstBpdu) hellos.get(0).bpdu()).times();
        assertThat(sentByA).isEqualTo(BpduTimes.ofSeconds(0, 20, 1, 15));
        assertThat(b("B").port("B1").portTimes()).isEqualTo(new Times(0, 20, 15, 1));
    }

    // ------------------------------------------------------------------ path costs, configuration

    @Test
    @DisplayName("17.14 table 17-3 and 802.1D-1998 table 8-5: path cost from link speed, and a cheaper path wins")
    void pathCosts() {
        assertThat(PathCostMethod.LONG.costFor(10)).isEqualTo(2_000_000);
        assertThat(PathCostMethod.LONG.costFor(100)).isEqualTo(200_000);
        assertThat(PathCostMethod.LONG.costFor(1_000)).isEqualTo(20_000);
        assertThat(PathCostMethod.LONG.costFor(10_000)).isEqualTo(2_000);
        assertThat(PathCostMethod.LONG.costFor(100_000)).isEqualTo(200);
        assertThat(PathCostMethod.LONG.costFor(100_000_000)).isEqualTo(1);
        assertThat(PathCostMethod.LONG.costFor(0)).isEqualTo(2_000_000);
        assertThat(PathCostMethod.SHORT.costFor(10)).isEqualTo(100);
        assertThat(PathCostMethod.SHORT.costFor(100)).isEqualTo(19);
        assertThat(PathCostMethod.SHORT.costFor(1_000)).isEqualTo(4);
        assertThat(PathCostMethod.SHORT.costFor(10_000)).isEqualTo(2);
        assertThat(PathCostMethod.SHORT.costFor(40_000)).isEqualTo(1);
        assertThat(PathCostMethod.SHORT.costFor(-1)).isEqualTo(100);

        // A and C are joined directly by a 100 Mb/s LAN and through B by two 10 Gb/s ones.
        t.bridge("A", 0x0a, "a b");
        t.bridge("B", 0x0b, "b c");
        t.bridge("C", 0x0c, "a c");
        t.bridge("D", 0x0d, "c", c -> c.withPathCostMethod(PathCostMethod.SHORT));
        t.bridge("E", 0x0e, "d");
        t.bridge("F", 0x0f, "d");
        b("E").port(1, p -> p.withPathCost(12_345));
        t.lan("a").speedMbps = 100;
        t.lan("b").speedMbps = 10_000;
        t.lan("c").speedMbps = 10_000;
        t.sharedLan("c");
        t.start();
        t.runUntil(60 * S, () -> t.converged(b("A"), b("B"), b("C"), b("D")));
        assertThat(b("C").port("C1").pathCost()).isEqualTo(200_000);
        assertThat(b("C").port("C2").pathCost()).isEqualTo(2_000);
        assertThat(b("D").port("D1").pathCost()).isEqualTo(2);
        t.expect("C", "Ad Rf");
        assertThat(b("C").engine.rootPathCost()).isEqualTo(2_000 + 2_000);
        // A configured cost wins over the speed.
        assertThat(b("E").port("E1").pathCost()).isEqualTo(12_345);
        assertThat(b("E").engine.view().ports().get(0).pathCost()).isEqualTo(12_345);

        // The slow link renegotiates to 10 Gb/s: its cost drops and C reselects [17.13.11].
        t.speed("a", 10_000);
        assertThat(b("C").port("C1").pathCost()).isEqualTo(2_000);
        t.runUntil(10 * S, () -> t.converged(b("A"), b("B"), b("C"), b("D")));
        t.expect("C", "Rf Ad");
    }

    @Test
    @DisplayName("17.14 table 17-1/17-2: out-of-range timers, priorities and costs are refused with the rule they break")
    void configurationLimits() {
        MacAddress mac = MacAddress.parse("02:00:00:00:00:01");
        BridgeConfig ok = BridgeConfig.of("br0", mac);
        assertThat(ok.txHoldCount()).isEqualTo(6);
        assertThat(ok.withTimers(1, 6, 4).maxAge()).isEqualTo(6);
        assertThat(ok.withTimers(2, 40, 30).forwardDelay()).isEqualTo(30);
        assertThat(ok.withTimers(2, 6, 30).helloTime()).isEqualTo(2);
        assertThatThrownBy(() -> ok.withTimers(3, 20, 15)).hasMessageContaining("hello time must be 1..2 s");
        assertThatThrownBy(() -> ok.withTimers(0, 20, 15)).hasMessageContaining("hello time must be 1..2 s");
        assertThatThrownBy(() -> ok.withTimers(2, 5, 15)).hasMessageContaining("max age must be 6..40 s");
        assertThatThrownBy(() -> ok.withTimers(2, 41, 30)).hasMessageContaining("max age must be 6..40 s");
        assertThatThrownBy(() -> ok.withTimers(2, 20, 3)).hasMessageContaining("forward delay must be 4..30 s");
        assertThatThrownBy(() -> ok.withTimers(2, 20, 31)).hasMessageContaining("forward delay must be 4..30 s");
        assertThatThrownBy(() -> ok.withTimers(2, 20, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("forward delay 10 s is too short for max age 20 s: need 2*(forward delay-1) >= max age"
                        + " [802.1D-2004 17.14]");
        assertThatThrownBy(() -> ok.withTimers(2, 8, 4)).hasMessageContaining("2*(forward delay-1) >= max age");
        assertThatThrownBy(() -> ok.withPriority(4097)).hasMessageContaining("multiple of 4096");
        assertThatThrownBy(() -> ok.withPriority(65536)).hasMessageContaining("multiple of 4096");
        assertThatThrownBy(() -> ok.withTxHoldCount(0)).hasMessageContaining("transmit hold count must be 1..10");
        assertThatThrownBy(() -> ok.withTxHoldCount(11)).hasMessageContaining("transmit hold count must be 1..10");
        assertThatThrownBy(() -> BridgeConfig.of("br0", MacAddress.BRIDGE_GROUP)).hasMessageContaining("unicast");
        assertThatThrownBy(() -> BridgeConfig.of(" ", mac)).hasMessageContaining("name is required");
        PortConfig port = PortConfig.of("eth1", 1);
        assertThat(port.priority()).isEqualTo(128);
        assertThat(port.autoEdge()).isTrue();
        assertThatThrownBy(() -> port.withPriority(17)).hasMessageContaining("multiple of 16");
        assertThatThrownBy(() -> port.withPriority(256)).hasMessageContaining("multiple of 16");
        assertThatThrownBy(() -> port.withPathCost(200_000_001)).hasMessageContaining("1..200000000");
        assertThatThrownBy(() -> port.withPathCost(-1)).hasMessageContaining("1..200000000");
        assertThat(port.withPathCost(200_000_000).pathCost()).isEqualTo(200_000_000);
        assertThatThrownBy(() -> PortConfig.of("eth1", 0)).hasMessageContaining("port number must be 1..4095");
        assertThatThrownBy(() -> PortConfig.of("eth1", 4096)).hasMessageContaining("port number must be 1..4095");
        assertThat(port.withPriority(240).portId()).isEqualTo(new PortId(240, 1));
    }

    // ------------------------------------------------------------------ validation, views, contract

    @Test
    @DisplayName("9.3.4: a Configuration BPDU too old, or our own looped back, is discarded and counted")
    void receivedBpduValidation() {
        t.bridge("A", 0x0a, "h");
        t.hostLan("h");
        t.start();
        StpEngine e = b("A").engine;
        BridgeId other = BridgeId.of(0, MacAddress.parse("02:00:00:00:00:01"));
        ConfigBpdu tooOld = new ConfigBpdu(BpduFlags.NONE, other, 0, other, new PortId(128, 1),
                BpduTimes.ofSeconds(20, 20, 2, 15));
        b("A").handle(e.receive("A1", tooOld));
        PriorityVector ours = b("A").port("A1").designatedPriority();
        ConfigBpdu looped = new ConfigBpdu(BpduFlags.NONE, ours.rootBridgeId(), 0, ours.designatedBridgeId(),
                ours.designatedPortId(), BpduTimes.DEFAULTS);
        b("A").handle(e.receive("A1", looped));
        assertThat(b("A").port("A1").counters().invalidRx()).isEqualTo(2);
        assertThat(b("A").port("A1").counters().configRx()).isEqualTo(2);
        assertThat(e.isRoot()).isTrue();
        e.countInvalid("A1");
        assertThat(b("A").port("A1").counters().invalidRx()).isEqualTo(3);
        // A valid one from a better bridge takes effect; its unknown role counts as Designated [9.2.9].
        RstBpdu unknownRole = new RstBpdu(BpduFlags.NONE.withPortRole(BpduPortRole.UNKNOWN), other, 0, other,
                new PortId(128, 1), BpduTimes.DEFAULTS);
        b("A").handle(e.receive("A1", unknownRole));
        assertThat(e.rootId()).isEqualTo(other);
        assertThat(b("A").port("A1").role()).isEqualTo(PortRole.ROOT);
    }

    @Test
    @DisplayName("17.14 table 17-1: a BPDU with timers outside the compatibility ranges is discarded and counted")
    void timersOutsideTheCompatibilityRangesAreDiscarded() {
        t.bridge("A", 0x0a, "h");
        t.hostLan("h");
        t.start();
        StpEngine e = b("A").engine;
        BridgeId other = BridgeId.of(0, MacAddress.parse("02:00:00:00:00:01"));
        for (BpduTimes bad : List.of(BpduTimes.ofSeconds(0, 51, 2, 15), BpduTimes.ofSeconds(0, 5, 2, 15),
                BpduTimes.ofSeconds(0, 20, 11, 15), BpduTimes.ofSeconds(0, 20, 2, 31),
                BpduTimes.ofSeconds(0, 20, 2, 3))) {
            b("A").handle(e.receive("A1", new RstBpdu(BpduFlags.NONE.withPortRole(BpduPortRole.DESIGNATED), other, 0,
                    other, new PortId(128, 1), bad)));
        }
        assertThat(b("A").port("A1").counters().invalidRx()).isEqualTo(5);
        assertThat(e.isRoot()).isTrue();
        // the limits themselves are compatible (a Hello Time of 0 is raised to 1 when recorded)
        b("A").handle(e.receive("A1", new RstBpdu(BpduFlags.NONE.withPortRole(BpduPortRole.DESIGNATED), other, 0,
                other, new PortId(128, 1), BpduTimes.ofSeconds(0, 40, 0, 30))));
        assertThat(b("A").port("A1").counters().invalidRx()).isEqualTo(5);
        assertThat(e.rootId()).isEqualTo(other);
    }

    @Test
    @DisplayName("show stp: the view carries the DESIGN.md contract fields")
    void view() {
        t.hostLan("h");
        t.bridge("A", 0x0a, "a");
        t.bridge("B", 0x0b, "a h", c -> c.withPriority(36864));
        b("B").port(2, p -> p.withAdminEdge(true).withPriority(64));
        t.start();
        t.runUntil(10 * S, () -> allConverged("A"));
        BridgeView v = b("B").engine.view();
        assertThat(v.name()).isEqualTo("B");
        assertThat(v.bridgeId()).isEqualTo(BridgeId.of(36864, b("B").mac));
        assertThat(v.bridgeId().toString()).isEqualTo("9000.02:00:00:00:00:0b");
        assertThat(v.rootId()).isEqualTo(b("A").engine.bridgeId());
        assertThat(v.rootPort()).isEqualTo("B1");
        assertThat(b("B").engine.rootPortId()).isEqualTo(new PortId(128, 1));
        assertThat(b("A").engine.rootPortId().value()).isZero();
        assertThat(b("B").port("B1").speedMbps()).isEqualTo(1_000);
        assertThat(v.isRoot()).isFalse();
        assertThat(v.rootPathCost()).isEqualTo(20_000);
        assertThat(v.topologyChanges()).isGreaterThan(0);
        assertThat(v.rootTimes()).isEqualTo(new Times(1, 20, 15, 2));
        assertThat(v.ports()).hasSize(2);
        PortView root = v.ports().get(0);
        assertThat(root).isEqualTo(new PortView("B1", new PortId(128, 1), PortRole.ROOT, PortState.FORWARDING, 20_000,
                false, b("A").engine.bridgeId(), b("A").engine.bridgeId(), new PortId(128, 1), 0, true, "rstp", null));
        PortView edge = v.ports().get(1);
        assertThat(edge.portId().toString()).isEqualTo("4002");
        assertThat(edge.role().jsonName()).isEqualTo("designated");
        assertThat(edge.state().jsonName()).isEqualTo("forwarding");
        assertThat(edge.edge()).isTrue();
        assertThat(edge.designatedBridge()).isEqualTo(v.bridgeId());
        assertThat(edge.designatedCost()).isEqualTo(20_000);
        BridgeView a = b("A").engine.view();
        assertThat(a.rootPort()).isNull();
        assertThat(a.isRoot()).isTrue();
        assertThat(PortRole.ALTERNATE.jsonName()).isEqualTo("alternate");
        assertThat(PortState.DISCARDING.jsonName()).isEqualTo("discarding");
    }

    @Test
    @DisplayName("engine contract: time never runs backwards, names and numbers are unique, effects encode")
    void contract() {
        StpEngine e = new StpEngine(BridgeConfig.of("br0", MacAddress.parse("02:00:00:00:00:01")), MachineTrace.NONE);
        assertThat(e.nanosUntilNextEvent()).isEqualTo(Long.MAX_VALUE);
        List<StpEffect> first = e.addPort(PortConfig.of("eth1", 1));
        assertThat(first).contains(new StpEffect.SetPortState("eth1", PortState.DISCARDING));
        assertThat(e.nanosUntilNextEvent()).isEqualTo(S);
        assertThatThrownBy(() -> e.tick(-1)).hasMessageContaining("time does not run backwards");
        assertThatThrownBy(() -> e.linkChanged("eth9", true, true, 1_000)).hasMessage("no port eth9");
        assertThatThrownBy(() -> e.addPort(PortConfig.of("eth1", 2))).hasMessageContaining("already exists");
        assertThatThrownBy(() -> e.addPort(PortConfig.of("eth2", 1))).hasMessageContaining("port number 1");
        // A port that is down hears nothing and sends nothing.
        assertThat(e.receive("eth1", new TcnBpdu())).isEmpty();
        assertThat(e.port("eth1").counters().tcnRx()).isZero();
        assertThat(e.tick(10 * S)).isEmpty();
        List<StpEffect> up = e.linkChanged("eth1", true, true, 1_000);
        StpEffect.SendBpdu proposal = up.stream().filter(x -> x instanceof StpEffect.SendBpdu)
                .map(x -> (StpEffect.SendBpdu) x).findFirst().orElseThrow();
        assertThat(proposal.encode()).hasSize(RstBpdu.LENGTH);
        Bpdu tcn = new TcnBpdu();
        assertThat(new StpEffect.SendBpdu("eth1", tcn).encode()).containsExactly(0, 0, 0, 0x80);
        assertThat(e.tick(0)).isEmpty();
        assertThat(e.roleSelectionState()).isEqualTo(PortRoleSelectionMachine.State.ROLE_SELECTION);
        assertThat(e.ports()).hasSize(1);
        assertThat(e.hasPort("eth1")).isTrue();
    }
}
