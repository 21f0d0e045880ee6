package io.twinlink.lacp;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.lacp.LacpTestbed.Link;
import io.twinlink.lacp.LacpTestbed.Sys;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A member whose link flaps 100 times, at random moments: in the middle of negotiation,
 * during the aggregate wait, while distributing, for a millisecond or for seconds. Whenever
 * the link has then stayed up long enough to aggregate, the member must be back in its LAG on
 * both ends; no port may stay stuck deselected, detached or waiting.
 */
class MemberFlapTest {

    private static final int FLAPS = 100;
    /** Aggregate wait (2 s) plus a LACPDU exchange and margin: a stable link is aggregated by then. */
    private static final long SETTLE_MILLIS = 4_000;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void flappingMembersAlwaysComeBack(long seed) {
        LacpTestbed t = new LacpTestbed();
        Sys a = t.system("A", 0x0a).bundle(BundleConfig.of("bond0", 10), PortConfig.active("a1", 1),
                PortConfig.active("a2", 2));
        Sys b = t.system("B", 0x0b).bundle(BundleConfig.of("bond0", 20), PortConfig.active("b1", 1),
                PortConfig.active("b2", 2));
        Link l1 = t.link(a, "a1", b, "b1");
        Link l2 = t.link(a, "a2", b, "b2");
        t.runFor(SETTLE_MILLIS);
        assertAggregated(a, b, List.of("a1", "a2"), List.of("b1", "b2"));

        Random random = new Random(seed);
        int checked = 0;
        for (int i = 0; i < FLAPS; i++) {
            boolean both = random.nextInt(5) == 0;
            l1.setCarrier(false);
            if (both) {
                l2.setCarrier(false);
            }
            t.runFor(duration(random));
            l1.setCarrier(true);
            if (both) {
                l2.setCarrier(true);
            }
            long up = duration(random);
            t.runFor(up);
            if (up >= SETTLE_MILLIS) {
                assertAggregated(a, b, List.of("a1", "a2"), List.of("b1", "b2"));
                checked++;
            }
        }
        t.runFor(SETTLE_MILLIS);
        assertAggregated(a, b, List.of("a1", "a2"), List.of("b1", "b2"));
        assertThat(checked).as("flaps followed by a long enough quiet to check").isPositive();
    }

    /** Mostly short (inside the machines' timers), sometimes long enough to aggregate again. */
    private static long duration(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> 1 + random.nextInt(10);
            case 1 -> 10 + random.nextInt(1_000);
            case 2 -> 1_000 + random.nextInt(3_000);
            default -> SETTLE_MILLIS + random.nextInt(3_000);
        };
    }

    private static void assertAggregated(Sys a, Sys b, List<String> aPorts, List<String> bPorts) {
        for (Sys s : List.of(a, b)) {
            for (String p : s == a ? aPorts : bPorts) {
                assertThat(s.port(p).selected()).as(s.name + " " + p + " selected").isEqualTo(Selected.SELECTED);
                assertThat(s.mux(p)).as(s.name + " " + p + " mux").isEqualTo(MuxMachine.State.COLLECTING_DISTRIBUTING);
                assertThat(s.forwarding(p)).as(s.name + " " + p + " in the data plane").isTrue();
            }
            assertThat(s.engine.activeAggregator("bond0")).as(s.name + " active aggregator").isNotNull();
        }
    }
}
