package io.twinlink.it.mlag;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.it.harness.Figures;
import io.twinlink.it.harness.Link;
import io.twinlink.it.harness.OvsLacpStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The peer-link fails while the backup keepalive path still proves both switches alive (a
 * split): the secondary (sw2) must take its half of the bundle down (protodown: its member
 * admin down, so the server loses carrier on p2) and advertise its own system ID, while the
 * primary keeps serving, so the server never sends into two switches that cannot coordinate.
 * When the peer-link returns, sw2 waits out delay-restore (1 s) before its half comes back.
 * A 1000 datagrams/s stream on a flow the server sends to sw2 runs throughout.
 */
@Tag("ovs")
@Tag("mlag")
class MlagPeerLinkSplitIT {

    private static final Duration OUTAGE_TARGET = Duration.ofMillis(500);
    private static final Duration LIMIT = Duration.ofSeconds(15);

    @Test
    void secondaryProtodownsOnSplitAndComesBackAfterDelayRestore() {
        try (MlagTestbed bed = MlagTestbed.start(MlagTestbed.Options.ovs())) {
            bed.awaitServing();
            int port = OvsFlows.flowVia(bed, "p2");
            try (SequenceStream stream = SequenceStream.between("split", bed.server(), MlagTestbed.SERVER_IP,
                    bed.upstream(), MlagTestbed.UPSTREAM_IP).flows(port, 1).start()) {
                stream.awaitDelivered(0, 500, Duration.ofSeconds(10));
                LinkCounters u1Before = LinkCounters.of(bed.upstream(), "u1");
                LinkCounters u2Before = LinkCounters.of(bed.upstream(), "u2");
                long sentBefore = stream.report().distinct();

                // ---- split: the peer-link goes down, the backup path stays
                long cut = System.nanoTime();
                MlagTestbed.setLinks(bed.sw1().netns(), "down", MlagTestbed.PEER_LINK);
                Duration protodown = bed.awaitSince(bed.sw2(), cut, "split, bundle held down", LIMIT,
                        s -> s.pairState().equals("split") && s.bundle(MlagTestbed.MLAG_ID).protodown());
                Duration serverMoved = bed.awaitOvsSince(cut, "p1 alone enabled",
                        () -> bed.ovsEnabledMembers().equals(List.of("p1")));
                stream.awaitDelivered(System.nanoTime(), 500, LIMIT);

                MlagStatus sw2 = bed.sw2().mlag();
                MlagStatus sw1 = bed.sw1().mlag();
                System.out.println("split: sw2 protodown after " + protodown.toMillis() + " ms, server on p1 alone after "
                        + serverMoved.toMillis() + " ms; sw1 " + sw1 + "; sw2 " + sw2);
                assertThat(sw2.role()).isEqualTo("secondary");
                assertThat(sw2.backupState()).isEqualTo("alive");
                assertThat(sw2.peerState()).isEqualTo("down");
                assertThat(sw2.bundle(MlagTestbed.MLAG_ID).reason()).contains("dual-active");
                assertThat(sw2.advertisedSystem()).as("the secondary of a split advertises its own system ID")
                        .isNotEqualTo(MlagTestbed.SHARED_MAC);
                assertThat(sw1.role()).isEqualTo("primary");
                assertThat(sw1.pairState()).isEqualTo("split");
                assertThat(sw1.bundle(MlagTestbed.MLAG_ID).protodown()).isFalse();
                assertThat(sw1.advertisedSystem()).isEqualTo(MlagTestbed.SHARED_MAC);
                // Protodown is the member set administratively down: the server sees no carrier.
                Link member = bed.sw2().netns().link(MlagTestbed.MEMBER);
                assertThat(member.isUp()).as("sw2's member admin state").isFalse();
                assertThat(bed.server().link("p2").hasCarrier()).as("carrier on the server's p2").isFalse();
                OvsLacpStatus.Member p1 = bed.ovs().lacpShow("bond0").member("p1");
                assertThat(p1.currentAttached()).isTrue();
                assertThat(p1.partnerSystemId()).isEqualTo(MlagTestbed.SHARED_MAC);

                // ---- the peer-link comes back: paired again, held for delay-restore, then both halves up
                long mended = System.nanoTime();
                MlagTestbed.setLinks(bed.sw1().netns(), "up", MlagTestbed.PEER_LINK);
                AtomicReference<MlagStatus> firstPaired = new AtomicReference<>();
                Duration paired = bed.awaitSince(bed.sw2(), mended, "paired again", LIMIT, s -> {
                    firstPaired.set(s);
                    return s.pairState().equals("paired");
                });
                // Seen within one poll of pairing: still held, waiting out delay-restore.
                MlagStatus.Bundle held = firstPaired.get().bundle(MlagTestbed.MLAG_ID);
                assertThat(held.protodown()).as("sw2's half right after pairing: %s", held).isTrue();
                assertThat(held.reason()).contains("delay-restore");
                Duration released = bed.awaitSince(bed.sw2(), mended, "bundle released", LIMIT,
                        s -> !s.bundle(MlagTestbed.MLAG_ID).protodown());
                Duration bothActive = bed.awaitOvsSince(mended, "both members enabled again", bed::ovsServingOnBoth);
                System.out.println("mended: sw2 paired after " + paired.toMillis() + " ms, released after "
                        + released.toMillis() + " ms, server on both after " + bothActive.toMillis() + " ms");
                assertThat(released.minus(paired)).as("held after pairing (delay-restore 1 s, polled every 10 ms)")
                        .isGreaterThanOrEqualTo(Duration.ofMillis(800));

                stream.awaitDelivered(System.nanoTime(), 300, LIMIT);
                stream.stopSending();
                StreamReport report = stream.report();
                long upstreamReceived = LinkCounters.of(bed.upstream(), "u1").minus(u1Before).rxPackets()
                        + LinkCounters.of(bed.upstream(), "u2").minus(u2Before).rxPackets();
                long streamed = report.distinct() - sentBefore;
                System.out.println("split and mend: " + report + "; frames into the upstream host " + upstreamReceived
                        + " for " + streamed + " datagrams");

                Figures.record("mlag.peer-link-down.protodown", protodown);
                Figures.record("mlag.peer-link-down.server-on-primary", serverMoved);
                Figures.record("mlag.peer-link-down.outage", report.outage());
                Figures.record("mlag.peer-link-up.paired", paired);
                Figures.record("mlag.peer-link-up.both-active", bothActive);
                assertThat(report.outage()).as("longest outage: %s", report).isLessThanOrEqualTo(OUTAGE_TARGET);
                assertThat(report.duplicates()).as("duplicates: %s", report).isZero();
                // No loop: what reached the upstream host is the stream plus a little control
                // traffic (ARP), not a storm of copies.
                assertThat(upstreamReceived).as("frames into the upstream host").isLessThan(streamed + streamed / 10 + 50);
            }
        }
    }
}
