package io.twinlink.mlag;

import static io.twinlink.mlag.PairTestbed.MS;
import static io.twinlink.mlag.PairTestbed.SHARED_MAC;
import static io.twinlink.mlag.PairTestbed.bundle;
import static io.twinlink.mlag.PairTestbed.hello;
import static io.twinlink.mlag.PortNumbering.LOWER_HALF;
import static io.twinlink.mlag.PortNumbering.UPPER_HALF;
import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.lacp.LacpSystem;
import io.twinlink.mlag.PairTestbed.Node;
import io.twinlink.mlag.PairTestbed.Transition;
import io.twinlink.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two pair machines on a virtual clock (1 ms steps) joined by a simulated peer-link and
 * backup path. Every test names the rule of DESIGN.md "MC-LAG pair" it checks; timings are
 * virtual, so they are exact and the tests never wait.
 */
class MlagPairTest {

    private static final long S = 1000 * MS;
    private static final long DELAY_RESTORE = S;
    private static final PairTimers TIMERS = PairTimers.DEFAULT.withDelayRestore(DELAY_RESTORE);
    private static final long DEAD = TIMERS.deadInterval();
    private static final LacpSystem SHARED = new LacpSystem(32768, SHARED_MAC);

    /** A: priority 100 (the primary), B: priority 200; two MLAG bundles each. */
    private static PairTestbed testbed(boolean backup) {
        return new PairTestbed(hello(100, 0x02_0000_0000_01L, LOWER_HALF, bundle(10, 10), bundle(20, 20)),
                hello(200, 0x02_0000_0000_02L, UPPER_HALF, bundle(10, 10), bundle(20, 20)), TIMERS, backup);
    }

    private static PairTestbed pairedAndServing(boolean backup) {
        PairTestbed t = testbed(backup).bootBoth();
        t.runUntil(5 * S, () -> t.a.allUp() && t.b.allUp());
        return t;
    }

    @Test
    @DisplayName("MC-LAG pair, Role: lower priority is primary, and both peers compute the same roles")
    void lowerPriorityIsPrimary() {
        PairTestbed t = testbed(true).bootBoth();
        t.runUntil(S, () -> t.a.pair.peerState() == PeerState.PAIRED && t.b.pair.peerState() == PeerState.PAIRED);
        t.runFor(10 * MS);

        assertThat(t.a.role()).isEqualTo(Role.PRIMARY);
        assertThat(t.b.role()).isEqualTo(Role.SECONDARY);
        // Each side's latest heartbeat tells the other the role it computed: they agree.
        assertThat(last(t.a.sentOfType(Heartbeat.class)).role()).isEqualTo(Role.PRIMARY);
        assertThat(last(t.b.sentOfType(Heartbeat.class)).role()).isEqualTo(Role.SECONDARY);
    }

    @Test
    @DisplayName("MC-LAG pair, Role: equal priorities, the lower node MAC is primary")
    void lowerMacBreaksTie() {
        PairTestbed t = new PairTestbed(hello(100, 0x02_0000_0000_09L, LOWER_HALF, bundle(10, 10)),
                hello(100, 0x02_0000_0000_03L, UPPER_HALF, bundle(10, 10)), TIMERS, false).bootBoth();
        t.runUntil(S, () -> t.a.pair.peerState() == PeerState.PAIRED && t.b.pair.peerState() == PeerState.PAIRED);
        t.runFor(10 * MS);

        assertThat(t.b.role()).isEqualTo(Role.PRIMARY);
        assertThat(t.a.role()).isEqualTo(Role.SECONDARY);
    }

    @Test
    @DisplayName("MC-LAG pair: both peers advertise the shared system ID; bundles held at start, up after delay-restore")
    void freshPairServesAfterDelayRestore() {
        PairTestbed t = testbed(true).bootBoth();
        assertThat(t.a.allDown()).isTrue();
        assertThat(t.a.transitions.get(0).reason()).contains("waiting for the peer");

        t.runUntil(S, () -> t.a.pair.peerState() == PeerState.PAIRED && t.b.pair.peerState() == PeerState.PAIRED);
        long paired = t.now;
        t.runUntil(5 * S, () -> t.a.allUp() && t.b.allUp());

        assertThat(t.now - paired).isBetween(DELAY_RESTORE - 2 * MS, DELAY_RESTORE + 2 * MS);
        assertThat(t.a.advertised).isEqualTo(SHARED);
        assertThat(t.b.advertised).isEqualTo(SHARED);
        assertThat(t.a.advertiseChanges).isEqualTo(1);
        assertThat(t.a.pair.consistency().allOk()).isTrue();
    }

    @Test
    @DisplayName("MC-LAG pair: peer killed (FIN) -> survivor keeps shared ID and every bundle, standalone within 300 ms")
    void killedPeerLeavesSurvivorServing() {
        PairTestbed t = pairedAndServing(true);
        int before = t.b.transitions.size();
        long killed = t.now;
        t.kill(t.a); // the primary dies; B, the secondary, survives

        long took = t.runUntil(S, () -> t.b.role() == Role.STANDALONE);

        assertThat(took).isLessThanOrEqualTo(DEAD);
        assertThat(t.b.pair.peerState()).isEqualTo(PeerState.DEAD);
        t.runFor(2 * S);
        assertThat(t.b.transitions.subList(before, t.b.transitions.size())).as("protodown changes after the kill")
                .isEmpty();
        assertThat(t.b.allUp()).isTrue();
        assertThat(t.b.advertised).isEqualTo(SHARED);
        assertThat(t.b.advertiseChanges).isEqualTo(1);
        assertThat(t.now - killed).isGreaterThan(DEAD);
        assertThat(t.b.pair.bundles()).as("show mlag says why the bundle is up now, not why it came up")
                .allMatch(b -> b.reason().equals("peer dead: serving alone"));
    }

    @Test
    @DisplayName("MC-LAG pair: peer frozen (no FIN) -> 3 missed heartbeats, survivor standalone within 300 ms, bundles kept")
    void frozenPeerDetectedByMissedHeartbeats() {
        PairTestbed t = pairedAndServing(true);
        int before = t.b.transitions.size();
        t.freeze(t.a);

        long took = t.runUntil(S, () -> t.b.role() == Role.STANDALONE);

        assertThat(took).isLessThanOrEqualTo(DEAD + MS);
        assertThat(t.b.effects).anyMatch(e -> e instanceof MlagEffect.DropPeerLink d && d.reason().contains("3 heartbeat"));
        assertThat(t.b.transitions.subList(before, t.b.transitions.size())).isEmpty();
        assertThat(t.b.allUp()).isTrue();
    }

    @Test
    @DisplayName("MC-LAG pair: peer dead without a backup path -> survivor standalone after 300 ms, bundles kept")
    void peerDeadWithoutBackup() {
        PairTestbed t = pairedAndServing(false);
        int before = t.a.transitions.size();
        t.freeze(t.b);

        long took = t.runUntil(S, () -> t.a.role() == Role.STANDALONE);

        assertThat(took).isLessThanOrEqualTo(DEAD + MS);
        assertThat(t.a.transitions.subList(before, t.a.transitions.size())).isEmpty();
        assertThat(t.a.pair.backupState()).isEqualTo(BackupState.OFF);
    }

    @Test
    @DisplayName("MC-LAG pair: peer-link down, backup alive -> the secondary protodowns its MLAG bundles, the primary keeps them")
    void splitProtodownsSecondaryOnly() {
        PairTestbed t = pairedAndServing(true);
        int aBefore = t.a.transitions.size();
        t.cutPeerLink();

        long took = t.runUntil(S, () -> t.b.allDown());

        // 300 ms to call the peer-link dead, then the next keepalive (<= 100 ms) proves the peer alive.
        assertThat(took).isLessThanOrEqualTo(DEAD + TIMERS.heartbeatInterval() + 2 * MS);
        assertThat(t.b.pair.peerState()).isEqualTo(PeerState.SPLIT);
        assertThat(t.b.role()).isEqualTo(Role.SECONDARY);
        assertThat(t.b.transitions.get(t.b.transitions.size() - 1).reason()).contains("dual-active");
        assertThat(t.b.advertised).as("secondary falls back to its own system ID")
                .isEqualTo(new LacpSystem(32768, MacAddress.of(0x02_0000_0000_02L)));
        t.runFor(3 * S);
        assertThat(t.a.transitions.subList(aBefore, t.a.transitions.size())).isEmpty();
        assertThat(t.a.allUp()).isTrue();
        assertThat(t.a.role()).isEqualTo(Role.PRIMARY);
        assertThat(t.a.advertised).isEqualTo(SHARED);
        assertThat(t.b.allDown()).isTrue();
    }

    @Test
    @DisplayName("MC-LAG pair: on recovery, a delay-restore before re-enabling; the shared ID comes back")
    void recoveryWaitsDelayRestore() {
        PairTestbed t = pairedAndServing(true);
        t.cutPeerLink();
        t.runUntil(S, () -> t.b.allDown());
        t.runFor(S);

        t.restorePeerLink();
        t.runUntil(S, () -> t.b.pair.peerState() == PeerState.PAIRED);
        long paired = t.now;
        assertThat(t.b.advertised).isEqualTo(SHARED);
        assertThat(t.b.allDown()).isTrue();
        assertThat(t.b.transitions.get(t.b.transitions.size() - 1).reason()).contains("delay-restore");
        t.runUntil(5 * S, () -> t.b.allUp());

        assertThat(t.now - paired).isBetween(DELAY_RESTORE - 2 * MS, DELAY_RESTORE + 2 * MS);
        assertThat(t.b.role()).isEqualTo(Role.SECONDARY);
        assertThat(t.a.allUp()).isTrue();
    }

    @Test
    @DisplayName("MC-LAG pair: a flapping peer-link does not flap the bundles faster than delay-restore")
    void flappingPeerLink() {
        PairTestbed t = pairedAndServing(true);
        int aBefore = t.a.transitions.size();
        long flapStart = t.now;
        // Cut long enough to be noticed (500 ms), back just long enough to pair again (300 ms).
        for (int i = 0; i < 8; i++) {
            t.cutPeerLink();
            t.runFor(500 * MS);
            t.restorePeerLink();
            t.runFor(300 * MS);
        }
        long flapEnd = t.now;
        t.runUntil(5 * S, () -> t.b.allUp());

        for (int id : List.of(10, 20)) {
            List<Transition> changes = new ArrayList<>();
            for (Transition tr : t.b.flagChanges(id)) {
                if (tr.at() > flapStart) {
                    changes.add(tr);
                }
            }
            // Down once when the first cut is confirmed, up once delay-restore after the last pairing.
            assertThat(changes).extracting(Transition::protodown).containsExactly(true, false);
            assertThat(changes.get(1).at()).isGreaterThan(flapEnd);
            assertThat(changes.get(1).at() - changes.get(0).at()).isGreaterThanOrEqualTo(DELAY_RESTORE);
        }
        assertThat(t.a.transitions.subList(aBefore, t.a.transitions.size())).isEmpty();
    }

    @Test
    @DisplayName("MC-LAG pair: a reconnect quicker than the backup can confirm anything changes nothing")
    void quickReconnectChangesNothing() {
        PairTestbed t = pairedAndServing(true);
        int aBefore = t.a.transitions.size();
        int bBefore = t.b.transitions.size();

        t.bounceConnection(20 * MS);
        t.runFor(2 * S);

        assertThat(t.a.transitions.subList(aBefore, t.a.transitions.size())).isEmpty();
        assertThat(t.b.transitions.subList(bBefore, t.b.transitions.size())).isEmpty();
        assertThat(t.a.role()).isEqualTo(Role.PRIMARY);
        assertThat(t.b.role()).isEqualTo(Role.SECONDARY);
        assertThat(t.b.effects).anyMatch(e -> e instanceof MlagEffect.PeerStateChanged c
                && c.to() == PeerState.UNCONFIRMED);
    }

    @Test
    @DisplayName("MC-LAG pair: split, then the primary dies -> the secondary serves alone within 300 ms of its last keepalive")
    void splitThenPeerDies() {
        PairTestbed t = pairedAndServing(true);
        t.cutPeerLink();
        t.runUntil(S, () -> t.b.allDown());
        t.runFor(S);

        t.kill(t.a);
        long took = t.runUntil(S, () -> t.b.allUp());

        assertThat(took).isLessThanOrEqualTo(DEAD + MS);
        assertThat(t.b.role()).isEqualTo(Role.STANDALONE);
        assertThat(t.b.advertised).isEqualTo(SHARED);
        assertThat(t.b.transitions.get(t.b.transitions.size() - 1).reason()).contains("peer dead");
    }

    @Test
    @DisplayName("MC-LAG pair, Role: a rebooted peer does not take the primary role from the survivor (stable election)")
    void rejoiningPeerDoesNotPreempt() {
        PairTestbed t = pairedAndServing(true);
        t.kill(t.a);
        t.runUntil(S, () -> t.b.role() == Role.STANDALONE);
        int bBefore = t.b.transitions.size();
        t.runFor(S);

        t.a.boot();
        t.runUntil(S, () -> t.a.pair.peerState() == PeerState.PAIRED && t.b.pair.peerState() == PeerState.PAIRED);
        t.runFor(10 * MS);
        assertThat(t.b.role()).as("survivor, priority 200").isEqualTo(Role.PRIMARY);
        assertThat(t.a.role()).as("rebooted, priority 100").isEqualTo(Role.SECONDARY);
        t.runUntil(5 * S, () -> t.a.allUp());

        assertThat(t.b.transitions.subList(bBefore, t.b.transitions.size())).isEmpty();
        assertThat(t.a.role()).isEqualTo(Role.SECONDARY);
        assertThat(t.b.role()).isEqualTo(Role.PRIMARY);
    }

    @Test
    @DisplayName("MC-LAG pair: a node alone at start serves after one dead interval, with the shared ID")
    void aloneAtStartup() {
        PairTestbed t = testbed(true);
        t.b.boot();
        assertThat(t.b.allDown()).isTrue();

        long took = t.runUntil(S, () -> t.b.allUp());

        assertThat(took).isEqualTo(DEAD);
        assertThat(t.b.role()).isEqualTo(Role.STANDALONE);
        assertThat(t.b.advertised).isEqualTo(SHARED);
        assertThat(t.b.pair.backupState()).isEqualTo(BackupState.DEAD);
    }

    @Test
    @DisplayName("MC-LAG pair: mismatched key for one mlag-id -> consistency row ok=false, secondary holds that bundle down, no flap")
    void mismatchedKeys() {
        PairTestbed t = new PairTestbed(hello(100, 0x02_0000_0000_01L, LOWER_HALF, bundle(10, 10), bundle(20, 20)),
                hello(200, 0x02_0000_0000_02L, UPPER_HALF, bundle(10, 11), bundle(20, 20)), TIMERS, true).bootBoth();
        t.runFor(5 * S);

        ConsistencyRow row = t.b.pair.consistency().rows().stream()
                .filter(r -> r.item().equals("mlag-id 10 key")).findFirst().orElseThrow();
        assertThat(row.ok()).isFalse();
        assertThat(row.local()).isEqualTo("11");
        assertThat(row.peer()).isEqualTo("10");
        assertThat(t.b.down(10)).isTrue();
        assertThat(t.b.pair.bundle(10).reason()).contains("mlag-id 10 key: local 11, peer 10");
        assertThat(t.b.flagChanges(10)).hasSize(1); // held from the start, never released
        assertThat(t.b.down(20)).isFalse();
        assertThat(t.a.down(10)).as("the primary keeps serving").isFalse();
        assertThat(t.a.down(20)).isFalse();
        assertThat(t.b.advertised).isEqualTo(SHARED);
    }

    @Test
    @DisplayName("MC-LAG pair: pair-wide mismatch (domain ID) -> secondary holds every bundle down and advertises its own ID")
    void globalMismatch() {
        Hello b = hello(200, 0x02_0000_0000_02L, LOWER_HALF, bundle(10, 10), bundle(20, 20));
        b = new Hello(1, 7, b.systemPriority(), b.systemMac(), b.node(), b.portOffset(), b.stpMode(), b.bundles());
        PairTestbed t = new PairTestbed(hello(100, 0x02_0000_0000_01L, UPPER_HALF, bundle(10, 10), bundle(20, 20)), b,
                TIMERS, true).bootBoth();
        t.runFor(5 * S);

        assertThat(t.b.allDown()).isTrue();
        assertThat(t.b.pair.bundle(20).reason()).contains("domain-id: local 7, peer 1");
        assertThat(t.b.advertised.mac()).isEqualTo(MacAddress.of(0x02_0000_0000_02L));
        assertThat(t.a.allUp()).isTrue();
        assertThat(t.a.advertised).isEqualTo(SHARED);
        assertThat(t.b.flagChanges(10)).hasSize(1);
    }

    @Test
    @DisplayName("MC-LAG pair: two nodes with the same node ID cannot be ordered -> both secondary, both held, node-id row fails")
    void duplicateNodeIds() {
        PairTestbed t = new PairTestbed(hello(100, 0x02_0000_0000_01L, LOWER_HALF, bundle(10, 10)),
                hello(100, 0x02_0000_0000_01L, UPPER_HALF, bundle(10, 10)), TIMERS, false).bootBoth();
        t.runFor(3 * S);

        assertThat(t.a.role()).isEqualTo(Role.SECONDARY);
        assertThat(t.b.role()).isEqualTo(Role.SECONDARY);
        assertThat(t.a.allDown()).isTrue();
        assertThat(t.b.allDown()).isTrue();
        assertThat(t.a.pair.consistency().rows()).anyMatch(r -> r.item().equals("node-id") && !r.ok());
    }

    @Test
    @DisplayName("MC-LAG pair: bundle state travels to the peer; a bundle is up on the peer only when up and not held")
    void peerBundleState() {
        PairTestbed t = pairedAndServing(true);
        t.b.apply(t.b.pair.localBundleChanged(10, true));
        t.runFor(5 * MS);

        assertThat(t.a.pair.bundle(10).peerUp()).isTrue();
        assertThat(t.a.pair.bundle(20).peerUp()).isFalse();
        assertThat(t.a.effects).contains(new MlagEffect.PeerBundle(10, true));

        t.cutPeerLink();
        t.runUntil(S, () -> t.b.allDown());
        assertThat(t.a.pair.bundle(10).peerUp()).as("unknown once the pair is apart").isFalse();
    }

    @Test
    @DisplayName("MC-LAG pair: MAC sync goes to the peer in messages the codec can carry")
    void macSync() {
        PairTestbed t = pairedAndServing(true);
        List<MacEntry> added = new ArrayList<>();
        for (int i = 0; i < PeerMessageCodec.MAX_MAC_ENTRIES + 5; i++) {
            added.add(new MacEntry(MacAddress.of(0x0200_0000_0000L + i), 0, 10));
        }
        List<MacEntry> removed = List.of(new MacEntry(MacAddress.of(0x0200_0100_0000L), 5, 20));
        t.a.apply(t.a.pair.localMacsChanged(added, removed));
        t.runFor(5 * MS);

        List<MacSync> syncs = t.b.effects.stream().filter(e -> e instanceof MlagEffect.PeerMacs)
                .map(e -> ((MlagEffect.PeerMacs) e).sync()).toList();
        assertThat(syncs).hasSize(2);
        assertThat(syncs.get(0).added()).hasSize(PeerMessageCodec.MAX_MAC_ENTRIES);
        assertThat(syncs.get(1).added()).hasSize(5);
        assertThat(syncs.get(1).removed()).isEqualTo(removed);
        syncs.forEach(s -> assertThat(PeerMessageCodec.encode(s).length).isLessThanOrEqualTo(4 + 0xFFFF));
    }

    // ------------------------------------------------------------------ one machine alone

    private static final Hello ALONE = hello(100, 0x02_0000_0000_01L, LOWER_HALF, bundle(10, 10));
    private static final Hello PEER = hello(200, 0x02_0000_0000_02L, UPPER_HALF, bundle(10, 10));

    @Test
    @DisplayName("MC-LAG pair: heartbeat every 100 ms at exact deadlines, however irregular the ticks")
    void heartbeatsDoNotDrift() {
        MlagPair p = new MlagPair(ALONE, TIMERS, false);
        p.start();
        List<MlagEffect> out = new ArrayList<>(p.peerLinkUp());
        p.receive(PEER);
        long[] steps = {37 * MS, 130 * MS, 1 * MS, 99 * MS, 250 * MS};
        int i = 0;
        while (p.now() < 10 * S) {
            long step = Math.min(steps[i++ % steps.length], 10 * S - p.now());
            out.addAll(p.tick(step));
            out.addAll(p.receive(new Heartbeat(i, Role.SECONDARY, 0))); // the peer keeps talking
        }
        long heartbeats = out.stream().filter(e -> e instanceof MlagEffect.Send s && s.message() instanceof Heartbeat)
                .count();
        // One at session start, one per 100 ms for 10 s, plus one for the role change to primary.
        assertThat(heartbeats).isEqualTo(1 + 100 + 1);
        assertThat(p.nanosUntilNextEvent()).isEqualTo(100 * MS);
    }

    @Test
    @DisplayName("MC-LAG pair: a session whose peer sends no hello is dropped after one dead interval")
    void noHelloDropsSession() {
        MlagPair p = new MlagPair(ALONE, TIMERS, false);
        p.start();
        p.peerLinkUp();
        List<MlagEffect> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            out.addAll(p.tick(10 * MS));
            out.addAll(p.receive(new Heartbeat(i, Role.NONE, 0)));
        }
        assertThat(out).filteredOn(e -> e instanceof MlagEffect.DropPeerLink).hasSize(1)
                .allMatch(e -> ((MlagEffect.DropPeerLink) e).reason().contains("no hello"));
        assertThat(p.peerLinkConnected()).isFalse();
    }

    @Test
    @DisplayName("MC-LAG pair: keepalives of another domain prove nothing")
    void otherDomainKeepaliveIgnored() {
        MlagPair p = new MlagPair(ALONE, TIMERS, true);
        p.start();
        for (int i = 0; i < 10; i++) {
            p.tick(50 * MS);
            p.backupHeard(new Keepalive(99, PEER.node(), Role.PRIMARY));
        }
        assertThat(p.peerState()).isEqualTo(PeerState.DEAD);
        assertThat(p.backupState()).isEqualTo(BackupState.DEAD);
        assertThat(p.ignoredKeepalives()).isEqualTo(10);
    }

    @Test
    @DisplayName("MC-LAG pair: the backup path sends a keepalive every interval and reports alive/dead")
    void keepalivesAndBackupState() {
        MlagPair p = new MlagPair(ALONE, TIMERS, true);
        List<MlagEffect> out = new ArrayList<>(p.start());
        out.addAll(p.tick(S));
        assertThat(out).filteredOn(e -> e instanceof MlagEffect.SendKeepalive).hasSizeBetween(11, 12);

        p.backupHeard(new Keepalive(1, PEER.node(), Role.STANDALONE));
        assertThat(p.backupState()).isEqualTo(BackupState.ALIVE);
        assertThat(p.peerState()).isEqualTo(PeerState.SPLIT);
        // Both served alone, so both claim the primary role: the lower priority (ours) wins.
        assertThat(p.role()).isEqualTo(Role.PRIMARY);
        p.tick(DEAD);
        assertThat(p.backupState()).isEqualTo(BackupState.DEAD);
        assertThat(p.peerState()).isEqualTo(PeerState.DEAD);
        assertThat(p.role()).isEqualTo(Role.STANDALONE);
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }
}
