package io.twinlink.it.stp;

import static io.twinlink.it.stp.ShowStpJson.identifier;
import static io.twinlink.it.stp.ShowStpJson.port;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinlink.it.harness.Figures;
import io.twinlink.it.stp.Ring.Node;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * twinlink among Linux bridges running the kernel's 802.1D STP ({@code stp_state 1}) in a
 * {@link Ring}, and the same ring with kernel bridges only as the baseline, in one run. The
 * timers are the shortest 802.1D allows with a 1 s hello (forward delay 4 s, max age 6 s), so
 * the standard's own floor for unblocking a port is 2 x forward delay = 8 s: a forward delay
 * listening (discarding), one learning [802.1D-2004 17.29.2 when rstpVersion is false].
 */
@Tag("stp")
class KernelStpRingIT {

    /** The worst an 802.1D bridge may take: stale information ages out, then listening and learning. */
    private static final Duration STP_BOUND = Duration.ofSeconds(StpTimers.SHORT.maxAge()
            + 2L * StpTimers.SHORT.forwardDelay());
    private static final Duration CONVERGE_LIMIT = Duration.ofSeconds(40);

    @Test
    void twinlinkFallsBackTo8021dBlocksTheLoopAndUnblocksWithinTheTimers() {
        try (Ring ring = Ring.build("ks", RingBridges.kernel(), RingBridges.twinlinkAmongKernels("rstp"),
                RingBridges.kernel())) {
            Duration converged = ring.await("ring converged with twinlink's bc blocked", CONVERGE_LIMIT, List.of("bc"));
            Figures.record("stp.kernel-ring.twinlink-rstp-mode.built-to-converged", converged);

            // The contract a user sees: `show stp --json` against the kernel's sysfs.
            TwinlinkBridge twinlink = (TwinlinkBridge) ring.bridge(Node.B);
            JsonNode json = twinlink.agent().showStpJson();
            BridgeIdentifier kernelRoot = BridgeIdentifier.ofKernel(
                    ring.netns(Node.A).exec("cat", "/sys/class/net/br0/bridge/root_id").stdout());
            assertThat(identifier(json.path("rootId"))).isEqualTo(kernelRoot);
            assertThat(kernelRoot).isEqualTo(ring.bridge(Node.A).status().bridgeId());
            assertThat(json.path("mode").asText()).isEqualTo("rstp");
            assertThat(json.path("rootPort").asText()).isEqualTo("ba");
            JsonNode ba = port(json, "ba");
            JsonNode bc = port(json, "bc");
            assertThat(List.of(ba.path("role").asText(), ba.path("state").asText(), ba.path("protocol").asText()))
                    .containsExactly("root", "forwarding", "stp");
            assertThat(List.of(bc.path("role").asText(), bc.path("state").asText(), bc.path("protocol").asText()))
                    .containsExactly("alternate", "discarding", "stp");
            // Across all three bridges, exactly one of the six ring ports does not forward.
            assertThat(ring.verdict(List.of("bc")).nonForwarding()).containsExactly("bc");

            BroadcastProbe.countPerLink(ring, Node.C, "kernel-ring-twinlink").assertEachLinkCarriedEachOnce();

            // In mode rstp the new Root Port may forward at once even towards 802.1D bridges
            // (17.29.2: reRooted && rbWhile == 0 && rstpVersion, a bridge-wide condition).
            Reconvergence cut = Reconvergence.measure(ring, "stp.kernel-ring.twinlink-rstp-mode", CONVERGE_LIMIT);
            assertThat(cut.trafficRestored()).as("traffic restored after the cut").isLessThanOrEqualTo(STP_BOUND);
            assertThat(cut.portsSettled()).as("ports settled after the cut").isLessThanOrEqualTo(STP_BOUND);

            ring.restore(Ring.AB);
            Duration mended = ring.await("ring converged again once A-B is back", CONVERGE_LIMIT, List.of("bc"));
            Figures.record("stp.kernel-ring.twinlink-rstp-mode.restore-to-converged", mended);
            BroadcastProbe.countPerLink(ring, Node.A, "kernel-ring-twinlink-mended").assertEachLinkCarriedEachOnce();
        }
    }

    /**
     * In mode stp twinlink is an 802.1D bridge: its new Root Port must listen and learn for a
     * forward delay each before it forwards [802.1D-2004 17.29.2 with rstpVersion false], the
     * same floor as the kernel's, never faster (that would risk a temporary loop).
     */
    @Test
    void twinlinkInStpModeUnblocksAtThe8021dFloor() {
        try (Ring ring = Ring.build("kt", RingBridges.kernel(), RingBridges.twinlinkAmongKernels("stp"),
                RingBridges.kernel())) {
            ring.await("ring converged with twinlink's bc blocked", CONVERGE_LIMIT, List.of("bc"));
            JsonNode json = ((TwinlinkBridge) ring.bridge(Node.B)).agent().showStpJson();
            assertThat(json.path("mode").asText()).isEqualTo("stp");
            assertThat(identifier(json.path("rootId"))).isEqualTo(BridgeIdentifier.ofKernel(
                    ring.netns(Node.C).exec("cat", "/sys/class/net/br0/bridge/root_id").stdout()));
            assertThat(port(json, "bc").path("role").asText()).isEqualTo("alternate");
            BroadcastProbe.countPerLink(ring, Node.A, "kernel-ring-twinlink-stp").assertEachLinkCarriedEachOnce();

            Reconvergence cut = Reconvergence.measure(ring, "stp.kernel-ring.twinlink-stp-mode", CONVERGE_LIMIT);
            // The timers count whole seconds (the Port Timers machine ticks once a second
            // [802.1D-2004 17.22]) and the cut falls anywhere within a tick: the first forward
            // delay lasts between 3 and 4 s.
            Duration floor = Duration.ofSeconds(2L * StpTimers.SHORT.forwardDelay() - 1);
            assertThat(cut.trafficRestored()).as("traffic restored after the cut")
                    .isBetween(floor, STP_BOUND);
            assertThat(cut.portsSettled()).as("ports settled after the cut").isBetween(floor, STP_BOUND);
        }
    }

    @Test
    void kernelOnlyRingBaseline() {
        try (Ring ring = Ring.build("kk", RingBridges.kernel(), RingBridges.kernel(), RingBridges.kernel())) {
            Duration converged = ring.await("kernel ring converged", CONVERGE_LIMIT, List.of("bc"));
            Figures.record("stp.kernel-ring.kernel-only.built-to-converged", converged);
            Reconvergence cut = Reconvergence.measure(ring, "stp.kernel-ring.kernel-only", CONVERGE_LIMIT);
            assertThat(cut.trafficRestored()).isLessThanOrEqualTo(STP_BOUND);
            ring.restore(Ring.AB);
            Figures.record("stp.kernel-ring.kernel-only.restore-to-converged",
                    ring.await("kernel ring converged again", CONVERGE_LIMIT, List.of("bc")));
        }
    }
}
