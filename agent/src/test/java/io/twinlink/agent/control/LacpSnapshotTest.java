package io.twinlink.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.lacp.BundleConfig;
import io.twinlink.lacp.LacpEffect;
import io.twinlink.lacp.LacpEngine;
import io.twinlink.lacp.LacpSystem;
import io.twinlink.fsm.MachineTrace;
import io.twinlink.lacp.MuxMachine;
import io.twinlink.lacp.PortConfig;
import io.twinlink.lacp.Selected;
import io.twinlink.wire.LacpPortState;
import io.twinlink.wire.MacAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link LacpSnapshot#of} over two real engines cabled back to back on a virtual clock. */
class LacpSnapshotTest {

    private static final LacpSystem A = new LacpSystem(32768, MacAddress.parse("02:00:00:00:00:01"));
    private static final LacpSystem B = new LacpSystem(65535, MacAddress.parse("02:00:00:00:00:99"));
    private static final long MS = 1_000_000L;

    /** The cables: a's eth1 to b's p1, a's eth2 to b's p2. */
    private static final Map<String, String> A_TO_B = Map.of("eth1", "p1", "eth2", "p2");
    private static final Map<String, String> B_TO_A = Map.of("p1", "eth1", "p2", "eth2");

    private final LacpEngine a = new LacpEngine(A, MachineTrace.NONE);
    private final LacpEngine b = new LacpEngine(B, MachineTrace.NONE);
    private final Deque<Runnable> wire = new ArrayDeque<>();

    private void carry(LacpEngine from, List<LacpEffect> effects) {
        for (LacpEffect e : effects) {
            if (e instanceof LacpEffect.SendLacpdu send) {
                LacpEngine to = from == a ? b : a;
                String port = (from == a ? A_TO_B : B_TO_A).get(send.port());
                wire.add(() -> carry(to, to.receive(port, send.pdu())));
            }
        }
    }

    private void run(long millis) {
        for (long t = 0; t < millis; t += 10) {
            carry(a, a.tick(10 * MS));
            carry(b, b.tick(10 * MS));
            while (!wire.isEmpty()) {
                wire.poll().run();
            }
        }
    }

    @Test
    void aNegotiatedBundleShowsPartnerStatesAndCounters() {
        a.addBundle(BundleConfig.of("bond0", 10));
        a.addBundle(BundleConfig.of("bond1", 11));
        b.addBundle(BundleConfig.of("bond0", 33));
        carry(a, a.addPort("bond0", PortConfig.active("eth1", 1)));
        carry(a, a.addPort("bond0", PortConfig.active("eth2", 2)));
        carry(b, b.addPort("bond0", PortConfig.active("p1", 0x8001)));
        carry(b, b.addPort("bond0", PortConfig.active("p2", 0x8002)));

        LacpSnapshot down = LacpSnapshot.of(a);
        assertThat(down.system()).isEqualTo(A);
        AggregatorSnapshot bond0Down = down.aggregators().get(0);
        assertThat(bond0Down.active()).isFalse();
        assertThat(bond0Down.partnerSystem()).isEqualTo(MacAddress.ZERO);
        assertThat(bond0Down.members()).extracting(MemberSnapshot::mux).containsOnly(MuxMachine.State.DETACHED);

        for (String p : List.of("eth1", "eth2")) {
            carry(a, a.linkChanged(p, true, true, 10_000));
        }
        for (String p : List.of("p1", "p2")) {
            carry(b, b.linkChanged(p, true, true, 10_000));
        }
        run(5_000);

        LacpSnapshot up = LacpSnapshot.of(a);
        assertThat(up.aggregators()).extracting(AggregatorSnapshot::name).containsExactly("bond0", "bond1");
        AggregatorSnapshot bond0 = up.aggregators().get(0);
        assertThat(bond0.active()).isTrue();
        assertThat(bond0.key()).isEqualTo(10);
        assertThat(bond0.partnerSystem()).isEqualTo(B.mac());
        assertThat(bond0.members()).extracting(MemberSnapshot::port).containsExactly("eth1", "eth2");
        MemberSnapshot eth1 = bond0.members().get(0);
        assertThat(eth1.portNumber()).isEqualTo(1);
        assertThat(eth1.selected()).isEqualTo(Selected.SELECTED);
        assertThat(eth1.mux()).isEqualTo(MuxMachine.State.COLLECTING_DISTRIBUTING);
        assertThat(eth1.actor().system()).isEqualTo(A.mac());
        assertThat(eth1.actor().key()).isEqualTo(10);
        assertThat(eth1.actor().state().flagNames()).containsExactly(
                "activity", "timeout", "aggregation", "synchronization", "collecting", "distributing");
        assertThat(eth1.partner().system()).isEqualTo(B.mac());
        assertThat(eth1.partner().systemPriority()).isEqualTo(65535);
        assertThat(eth1.partner().key()).isEqualTo(33);
        assertThat(eth1.partner().port()).isEqualTo(0x8001);
        assertThat(eth1.partner().state().has(LacpPortState.DISTRIBUTING)).isTrue();
        assertThat(eth1.counters().lacpduRx()).isPositive();
        assertThat(eth1.counters().lacpduTx()).isPositive();
        assertThat(up.aggregators().get(1)).isEqualTo(
                new AggregatorSnapshot("bond1", 11, MacAddress.ZERO, false, List.of()));

        // the snapshot is a copy: the engine moving on does not change it
        long rx = eth1.counters().lacpduRx();
        run(3_000);
        assertThat(eth1.counters().lacpduRx()).isEqualTo(rx);
        assertThat(LacpSnapshot.of(a).aggregators().get(0).members().get(0).counters().lacpduRx()).isGreaterThan(rx);
    }
}
