package io.twinlink.it.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.it.harness.Figures;
import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.OvsRstpStatus;
import io.twinlink.it.harness.OvsSwitch;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Baseline with no twinlink involved: two OVS bridges running RSTP over two parallel links.
 * The lower priority wins the root; the other bridge must forward on one root port and
 * block the redundant link as Alternate [802.1D-2004 17.7]. Gives the reference
 * point-to-point convergence time.
 */
@Tag("ovs")
class OvsToOvsRstpIT {

    private static final List<String> LINKS = List.of("p1", "p2");

    @Test
    void parallelLinksConvergeToOneRootPortAndOneAlternate() {
        try (Netns rootNs = Netns.create("rsr");
             Netns otherNs = Netns.create("rso");
             OvsSwitch root = OvsSwitch.start(rootNs);
             OvsSwitch other = OvsSwitch.start(otherNs)) {
            for (String link : LINKS) {
                rootNs.veth(link, otherNs, link);
            }
            for (OvsSwitch ovs : List.of(root, other)) {
                ovs.addBridge("br0");
                LINKS.forEach(link -> ovs.addPort("br0", link));
            }
            root.enableRstp("br0", 4096);
            other.enableRstp("br0", 32768);

            LINKS.forEach(rootNs::linkUp);
            long linkUp = System.nanoTime();
            LINKS.forEach(otherNs::linkUp);
            Awaitility.await("RSTP converged").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> converged(root.rstpShow("br0"), other.rstpShow("br0")));
            Figures.record("ovs-ovs.rstp.link-up-to-converged", Duration.ofNanos(System.nanoTime() - linkUp));

            OvsRstpStatus rootView = root.rstpShow("br0");
            OvsRstpStatus otherView = other.rstpShow("br0");
            assertThat(rootView.isRoot()).isTrue();
            assertThat(rootView.ports()).allSatisfy(p -> assertThat(p.role()).isEqualTo("Designated"));
            assertThat(otherView.isRoot()).isFalse();
            assertThat(otherView.rootSystemId()).isEqualTo(rootView.bridgeSystemId());
            assertThat(otherView.rootPriority()).isEqualTo(4096);
            assertThat(otherView.ports()).extracting(OvsRstpStatus.Port::role)
                    .containsExactlyInAnyOrder("Root", "Alternate");
            assertThat(otherView.port(otherView.rootPort()).state()).isEqualTo("Forwarding");
        }
    }

    private static boolean converged(OvsRstpStatus root, OvsRstpStatus other) {
        return root.isRoot()
                && root.ports().size() == 2 && root.ports().stream().allMatch(p -> p.state().equals("Forwarding"))
                && other.ports().size() == 2
                && other.ports().stream().anyMatch(p -> p.role().equals("Root") && p.state().equals("Forwarding"))
                && other.ports().stream().anyMatch(p -> p.role().equals("Alternate") && p.state().equals("Discarding"));
    }
}
