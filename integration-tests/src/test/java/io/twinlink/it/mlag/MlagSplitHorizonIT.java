package io.twinlink.it.mlag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.twinlink.it.harness.Figures;
import io.twinlink.it.harness.Netns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Split horizon with a peer-link data port ({@code pld}, a port of both switches' bridges).
 * The upstream host hangs off sw1 only, and both bridges learn nothing (ageing 0), so every
 * frame from upstream to the server is flooded: sw1 sends it down its half of the bundle and
 * across {@code pld}, where sw2 must not send it down its own half, or the server gets it
 * twice. Two streams from upstream run throughout: unicast to the server's address (unknown
 * unicast, flooded) and to the subnet's broadcast address.
 *
 * <p>The test shows it can fail: with sw2's split-horizon entry removed by hand, duplicates
 * appear. And when sw1's half goes down, sw2 must let {@code pld} traffic through to its half
 * again, or the server is cut off from upstream.
 */
@Tag("ovs")
@Tag("mlag")
class MlagSplitHorizonIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(15);
    private static final Duration OUTAGE_TARGET = Duration.ofMillis(500);
    private static final int UNICAST_PORT = 9000;
    private static final int BROADCAST_PORT = 9001;

    @Test
    void floodedFramesReachTheServerOnceAndCrossThePeerLinkWhenOneHalfIsDown() {
        try (MlagTestbed bed = MlagTestbed.start(MlagTestbed.Options.ovs().withPeerLinkDataPort())) {
            bed.awaitServing();
            for (MlagTestbed.Switch sw : bed.switches()) {
                sw.netns().exec("ip", "link", "set", MlagTestbed.BRIDGE, "type", "bridge", "ageing_time", "0");
            }
            for (MlagTestbed.Switch sw : bed.switches()) {
                Awaitility.await(sw + " split horizon on " + MlagTestbed.BUNDLE).atMost(LIMIT)
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> dualHomed(sw.netns()).equals(List.of(MlagTestbed.BUNDLE)));
            }
            try (SequenceStream unicast = SequenceStream.between("flooded-unicast", bed.upstream(),
                    MlagTestbed.UPSTREAM_IP, bed.server(), MlagTestbed.SERVER_IP).port(UNICAST_PORT).start();
                 SequenceStream broadcast = SequenceStream.between("broadcast", bed.upstream(), MlagTestbed.UPSTREAM_IP,
                         bed.server(), MlagTestbed.SERVER_IP).port(BROADCAST_PORT).flows(43000, 1)
                         .broadcastTo(MlagTestbed.BROADCAST_IP).start()) {
                List<SequenceStream> streams = List.of(unicast, broadcast);

                // ---- both halves up: every datagram crosses pld, none goes down sw2's half
                long start = System.nanoTime();
                LinkCounters pld = LinkCounters.of(bed.sw2().netns(), MlagTestbed.PEER_LINK_DATA);
                LinkCounters sw2Member = bed.sw2().memberCounters();
                for (SequenceStream s : streams) {
                    s.awaitDelivered(start, 1000, LIMIT);
                }
                long bothUpEnd = System.nanoTime();
                long crossed = LinkCounters.of(bed.sw2().netns(), MlagTestbed.PEER_LINK_DATA).minus(pld).rxPackets();
                long downSw2 = bed.sw2().memberCounters().minus(sw2Member).txPackets();
                System.out.println("both halves up: " + crossed + " frames crossed pld into sw2, " + downSw2
                        + " went down sw2's half; " + unicast.report() + "; " + broadcast.report());
                assertThat(crossed).as("flooded frames across pld").isGreaterThanOrEqualTo(2000);
                assertThat(downSw2).as("frames down sw2's half of the bundle").isLessThan(50);
                for (SequenceStream s : streams) {
                    assertThat(s.report().duplicatesSentBetween(start, bothUpEnd)).as("%s duplicates", s).isZero();
                }

                // ---- control: without sw2's split-horizon entry the server gets everything twice
                nft(bed.sw2().netns(), "delete element bridge twinlink_mlag dual_homed { \"" + MlagTestbed.BUNDLE + "\" }");
                long opened = System.nanoTime();
                for (SequenceStream s : streams) {
                    Awaitility.await(s + " duplicates without split horizon").atMost(LIMIT)
                            .pollInterval(Duration.ofMillis(50))
                            .until(() -> s.report().duplicatesSentBetween(opened, Long.MAX_VALUE) >= 200);
                }
                nft(bed.sw2().netns(), "add element bridge twinlink_mlag dual_homed { \"" + MlagTestbed.BUNDLE + "\" }");
                long closedAgain = System.nanoTime();
                for (SequenceStream s : streams) {
                    s.awaitDelivered(closedAgain, 500, LIMIT);
                }

                // ---- sw1's half goes down: what crosses pld must now go down sw2's half
                LinkCounters sw2Before = bed.sw2().memberCounters();
                long cut = System.nanoTime();
                MlagTestbed.setLinks(bed.sw1().netns(), "down", MlagTestbed.MEMBER);
                AtomicLong opensAt = new AtomicLong();
                Awaitility.await("sw2 lets pld through to its half").atMost(LIMIT).pollInterval(Duration.ofMillis(10))
                        .until(() -> {
                            boolean open = dualHomed(bed.sw2().netns()).isEmpty();
                            opensAt.set(System.nanoTime());
                            return open;
                        });
                MlagStatus sw2 = bed.sw2().mlag();
                assertThat(sw2.bundle(MlagTestbed.MLAG_ID).peer()).as("sw2's view of sw1's half").isEqualTo("down");
                assertThat(sw2.bundle(MlagTestbed.MLAG_ID).local()).isEqualTo("up");
                long afterCut = System.nanoTime();
                for (SequenceStream s : streams) {
                    s.awaitDelivered(afterCut, 1000, LIMIT);
                    s.stopSending();
                }
                long down = bed.sw2().memberCounters().minus(sw2Before).txPackets();
                StreamReport unicastReport = unicast.report();
                StreamReport broadcastReport = broadcast.report();
                Duration outage = unicastReport.outageBetween(cut, Long.MAX_VALUE);
                System.out.println("sw1's half down: sw2 opened pld to its half after "
                        + Duration.ofNanos(opensAt.get() - cut).toMillis() + " ms; " + down
                        + " frames went down sw2's half; outage " + outage.toMillis() + " ms unicast, "
                        + broadcastReport.outageBetween(cut, Long.MAX_VALUE).toMillis() + " ms broadcast; "
                        + unicastReport + "; " + broadcastReport);
                Figures.record("mlag.split-horizon.half-down.outage", outage);
                assertThat(down).as("frames down sw2's half once sw1's is down").isGreaterThanOrEqualTo(2000);
                assertThat(outage).isLessThanOrEqualTo(OUTAGE_TARGET);
                for (StreamReport r : List.of(unicastReport, broadcastReport)) {
                    assertThat(r.duplicatesSentBetween(closedAgain + Duration.ofMillis(100).toNanos(), Long.MAX_VALUE))
                            .as("%s duplicates with split horizon back", r.name()).isZero();
                }
            }
        }
    }

    /** The interfaces in the agent's split-horizon set, as nftables holds them. */
    private static List<String> dualHomed(Netns netns) {
        String out = netns.exec("nft", "-j", "list", "set", "bridge", "twinlink_mlag", "dual_homed").stdout();
        try {
            List<String> names = new ArrayList<>();
            for (JsonNode entry : JSON.readTree(out).path("nftables")) {
                entry.path("set").path("elem").forEach(e -> names.add(e.asText()));
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse nft -j output: " + out, e);
        }
    }

    private static void nft(Netns netns, String command) {
        netns.exec("nft", command);
    }
}
