package io.twinlink.it.mlag;

import io.twinlink.it.harness.Netns;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * Which member of the server's OVS bond carries which flow. In balance-tcp, OVS hands every
 * hash bucket to the first member that came up and moves buckets only when it rebalances
 * (every second here): {@link #spread} sends {@value #FLOWS} flows until both members carry
 * some, then freezes the placement, so that {@link #sourcePortVia} can pick a flow known to
 * leave by a given member and it stays there until that member fails.
 */
final class OvsFlows {

    static final int FIRST_SOURCE_PORT = 42000;
    static final int FLOWS = 16;
    private static final Duration SPREAD_LIMIT = Duration.ofSeconds(20);

    private OvsFlows() {
    }

    /** What the spreading stream left by each member, and what arrived upstream. */
    record Spread(long viaP1, long viaP2, StreamReport delivered) {
    }

    /**
     * Sends {@value #FLOWS} flows from the server to the upstream host until each member has
     * sent at least {@code perMember} of them, then turns OVS's rebalancing off.
     */
    static Spread spread(MlagTestbed bed, int perMember) {
        Netns server = bed.server();
        LinkCounters p1 = LinkCounters.of(server, "p1");
        LinkCounters p2 = LinkCounters.of(server, "p2");
        List<Long> sent = new ArrayList<>(List.of(0L, 0L));
        StreamReport report;
        try (SequenceStream stream = SequenceStream.between("spread", server, MlagTestbed.SERVER_IP, bed.upstream(),
                MlagTestbed.UPSTREAM_IP).flows(FIRST_SOURCE_PORT, FLOWS).start()) {
            Awaitility.await("OVS spreading " + FLOWS + " flows over p1 and p2").atMost(SPREAD_LIMIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        sent.set(0, LinkCounters.of(server, "p1").minus(p1).txPackets());
                        sent.set(1, LinkCounters.of(server, "p2").minus(p2).txPackets());
                        return sent.get(0) >= perMember && sent.get(1) >= perMember;
                    });
            stream.stopSending();
            report = stream.report();
        }
        bed.ovs().vsctl("set", "port", "bond0", "other_config:bond-rebalance-interval=0");
        return new Spread(sent.get(0), sent.get(1), report);
    }

    /** A source port of the spread flows whose datagrams the server sends on {@code member} (p1 or p2). */
    static int sourcePortVia(MlagTestbed bed, String member) {
        Netns server = bed.server();
        String other = member.equals("p1") ? "p2" : "p1";
        List<String> tried = new ArrayList<>();
        for (int port = FIRST_SOURCE_PORT; port < FIRST_SOURCE_PORT + FLOWS; port++) {
            LinkCounters mine = LinkCounters.of(server, member);
            LinkCounters theirs = LinkCounters.of(server, other);
            try (SequenceStream probe = SequenceStream.between("probe-" + port, server, MlagTestbed.SERVER_IP,
                    bed.upstream(), MlagTestbed.UPSTREAM_IP).flows(port, 1).start()) {
                probe.awaitDelivered(0, 200, Duration.ofSeconds(10));
            }
            long onMine = LinkCounters.of(server, member).minus(mine).txPackets();
            long onOther = LinkCounters.of(server, other).minus(theirs).txPackets();
            if (onMine >= 190 && onOther < 20) {
                return port;
            }
            tried.add(port + ": " + member + " " + onMine + ", " + other + " " + onOther);
        }
        throw new AssertionError("no flow of the spread leaves by " + member + ": " + tried);
    }
}
