package io.twinlink.lacp;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.lacp.LacpTestbed.Link;
import io.twinlink.lacp.LacpTestbed.Sys;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The engine settles only the bundles an event touched (6.4.14: a port selects only among
 * its own key's Aggregators). Random histories of cable cuts, one-way silences and elapsed
 * time over two systems with several bundles, some with max-links: after every single event
 * the testbed runs every machine of every bundle once more and asserts that nothing changes
 * (see {@code LacpTestbed.Sys#assertSettledEverywhere}); at the end, with every cable
 * restored, every bundle aggregates again on both sides.
 */
class BundleScopeProperties {

    private static final int BUNDLES = 3;
    private static final int PORTS_PER_BUNDLE = 3;

    /** One step of a history: which cable, what happens to it, then how long the systems run. */
    record Action(int cable, Kind kind, int millis) {
    }

    enum Kind { CUT, RESTORE, SILENCE_A, SILENCE_B, SPEAK, NOTHING }

    @Property(tries = 60)
    @Label("every bundle outside an event's scope is already settled, and all re-aggregate at the end")
    void onlyTouchedBundlesNeedToRun(@ForAll("histories") List<Action> history) {
        LacpTestbed t = new LacpTestbed();
        Sys a = t.system("A", 0x0a);
        Sys b = t.system("B", 0x0b);
        List<Link> cables = new ArrayList<>();
        int number = 1;
        for (int g = 0; g < BUNDLES; g++) {
            // the last bundle stands one port by on each side
            int maxLinks = g == BUNDLES - 1 ? PORTS_PER_BUNDLE - 1 : BundleConfig.UNLIMITED;
            BundleConfig ab = BundleConfig.of("ag" + g, 10 + g).withMaxLinks(maxLinks);
            BundleConfig bb = BundleConfig.of("bg" + g, 20 + g).withMaxLinks(maxLinks);
            a.engine.addBundle(ab);
            b.engine.addBundle(bb);
            for (int i = 0; i < PORTS_PER_BUNDLE; i++, number++) {
                a.handle(a.engine.addPort(ab.name(), PortConfig.active("a" + number, number)));
                b.handle(b.engine.addPort(bb.name(), PortConfig.active("b" + number, number)));
                cables.add(t.link(a, "a" + number, b, "b" + number));
            }
        }
        t.runFor(3_000);

        for (Action step : history) {
            Link cable = cables.get(step.cable() % cables.size());
            switch (step.kind()) {
                case CUT -> cable.setCarrier(false);
                case RESTORE -> cable.setCarrier(true);
                case SILENCE_A -> cable.silentFromA = true;
                case SILENCE_B -> cable.silentFromB = true;
                case SPEAK -> {
                    cable.silentFromA = false;
                    cable.silentFromB = false;
                }
                case NOTHING -> { }
            }
            t.runFor(step.millis());
        }

        for (Link cable : cables) {
            cable.silentFromA = false;
            cable.silentFromB = false;
            if (!cable.up) {
                cable.setCarrier(true);
            }
        }
        t.runFor(10_000);
        for (int g = 0; g < BUNDLES; g++) {
            assertThat(a.engine.activeAggregator("ag" + g)).as("A's bundle ag%d active", g).isNotNull();
            assertThat(b.engine.activeAggregator("bg" + g)).as("B's bundle bg%d active", g).isNotNull();
        }
    }

    @Provide
    Arbitrary<List<Action>> histories() {
        Arbitrary<Action> action = Combinators.combine(
                Arbitraries.integers().between(0, BUNDLES * PORTS_PER_BUNDLE - 1),
                Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 4_000)).as(Action::new);
        return action.list().ofMinSize(1).ofMaxSize(12);
    }
}
