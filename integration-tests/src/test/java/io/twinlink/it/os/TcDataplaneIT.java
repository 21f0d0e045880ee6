package io.twinlink.it.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.twinlink.agent.dataplane.Aggregate;
import io.twinlink.agent.dataplane.DataplaneException;
import io.twinlink.agent.dataplane.TcDataplane;
import io.twinlink.agent.io.PcapFrameTransport;
import io.twinlink.agent.io.ReceivedFrame;
import io.twinlink.agent.netlink.LinkEvent;
import io.twinlink.agent.netlink.LinkRequests;
import io.twinlink.agent.netlink.RouteNetlink;
import io.twinlink.agent.netlink.RtnetlinkLinkMonitor;
import io.twinlink.wire.MacAddress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tc data plane moving real traffic. Two namespaces joined by two veth links (m1-p1,
 * m2-p2); each side aggregates its ends with its own {@link TcDataplane} (agg over m1,m2 in
 * A; bgg over p1,p2 in B), as two LACP partners would, and IP runs between agg and bgg.
 * IPv6 is off on the members so that every frame they carry came through the aggregate.
 */
class TcDataplaneIT {

    private Netns a;
    private Netns b;
    private TcDataplane dataplaneA;
    private TcDataplane dataplaneB;
    private Aggregate agg;
    private Aggregate bgg;

    @BeforeEach
    void twoNamespacesTwoLinks() throws Exception {
        a = Netns.create("tca");
        b = Netns.create("tcb");
        for (Netns ns : List.of(a, b)) {
            ns.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        }
        for (int i = 1; i <= 2; i++) {
            Netns.run("ip", "link", "add", "name", "m" + i, "netns", a.name, "type", "veth", "peer", "name", "p" + i, "netns", b.name);
            a.exec("ip", "link", "set", "m" + i, "up");
            b.exec("ip", "link", "set", "p" + i, "up");
        }
        dataplaneA = new TcDataplane();
        dataplaneB = new TcDataplane();
        long start = System.nanoTime();
        agg = a.call(() -> dataplaneA.createAggregate("agg", List.of("m1", "m2")));
        System.out.printf("tc aggregate set up in %.0f ms%n", (System.nanoTime() - start) / 1e6);
        bgg = b.call(() -> dataplaneB.createAggregate("bgg", List.of("p1", "p2")));
        a.exec("ip", "addr", "add", "10.77.0.1/24", "dev", "agg");
        b.exec("ip", "addr", "add", "10.77.0.2/24", "dev", "bgg");
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            a.call(() -> {
                dataplaneA.close();
                return null;
            });
            b.call(() -> {
                dataplaneB.close();
                return null;
            });
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void nothingLeavesUntilAMemberDistributes() throws Exception {
        long m1 = counter(a, "m1", "tx_packets");
        long m2 = counter(a, "m2", "tx_packets");
        assertThat(ping(a, "10.77.0.2")).as("ping with no member enabled").isFalse();
        assertThat(counter(a, "agg", "tx_packets")).as("the host did send").isPositive();
        assertThat(counter(a, "m1", "tx_packets")).isEqualTo(m1);
        assertThat(counter(a, "m2", "tx_packets")).isEqualTo(m2);
    }

    @Test
    void trafficFlowsBothWaysAndSpreadsOverBothMembers() throws Exception {
        enableAll();
        assertThat(ping(a, "10.77.0.2")).isTrue();
        assertThat(ping(b, "10.77.0.1")).isTrue();

        long m1 = counter(a, "m1", "tx_packets");
        long m2 = counter(a, "m2", "tx_packets");
        try (UdpStream.Sink sink = b.call(() -> new UdpStream.Sink(new InetSocketAddress("10.77.0.2", 9000)));
             UdpStream stream = a.call(() -> UdpStream.from("10.77.0.1", new InetSocketAddress("10.77.0.2", 9000)))) {
            stream.sendBurst(1600);
            await().atMost(Duration.ofSeconds(5)).until(() -> sink.count() == 1600);
        }
        long viaM1 = counter(a, "m1", "tx_packets") - m1;
        long viaM2 = counter(a, "m2", "tx_packets") - m2;
        System.out.printf("1600 UDP packets over 16 flows: m1 %d, m2 %d%n", viaM1, viaM2);
        assertThat(viaM1).isGreaterThanOrEqualTo(700);
        assertThat(viaM2).isGreaterThanOrEqualTo(700);
    }

    @Test
    void ipv6IsHashedToo() throws Exception {
        for (Netns ns : List.of(a, b)) {
            String dev = ns == a ? "agg" : "bgg";
            ns.exec("sysctl", "-qw", "net.ipv6.conf." + dev + ".disable_ipv6=0");
            ns.exec("ip", "addr", "add", ns == a ? "fd77::1/64" : "fd77::2/64", "dev", dev, "nodad");
        }
        enableAll();
        long m1 = counter(a, "m1", "tx_packets");
        long m2 = counter(a, "m2", "tx_packets");
        try (UdpStream.Sink sink = b.call(() -> new UdpStream.Sink(new InetSocketAddress("fd77::2", 9000)));
             UdpStream stream = a.call(() -> UdpStream.from("fd77::1", new InetSocketAddress("fd77::2", 9000)))) {
            stream.sendBurst(320);
            await().atMost(Duration.ofSeconds(5)).until(() -> sink.count() == 320);
        }
        assertThat(counter(a, "m1", "tx_packets") - m1).isGreaterThanOrEqualTo(140);
        assertThat(counter(a, "m2", "tx_packets") - m2).isGreaterThanOrEqualTo(140);
    }

    @Test
    void controlFramesStayWithTheMemberAndDataGoesUp() throws Exception {
        enableAll();
        BlockingQueue<ReceivedFrame> atM1 = new LinkedBlockingQueue<>();
        MacAddress p1Mac = MacAddress.parse(a.exec("cat", "/sys/class/net/m1/address").strip()); // any source will do
        try (PcapFrameTransport m1 = a.call(() -> PcapFrameTransport.open("m1", atM1::add));
             PcapFrameTransport p1 = b.call(() -> PcapFrameTransport.open("p1", f -> { }))) {
            long aggRx = counter(a, "agg", "rx_packets");
            p1.send(Frames.lacpdu(p1Mac, 1));
            p1.send(Frames.configBpdu(MacAddress.BRIDGE_GROUP, p1Mac));
            p1.send(Frames.configBpdu(MacAddress.PVST, p1Mac));
            p1.send(Frames.ethernet(MacAddress.parse("01:80:c2:00:00:0e"), p1Mac, 0x88CC, new byte[46]));
            await().atMost(Duration.ofSeconds(2)).until(() -> atM1.size() == 3);
            assertThat(m1.counters().rxFrames()).isEqualTo(3);
            assertThat(counter(a, "agg", "rx_packets")).as("control frames reached the aggregate").isEqualTo(aggRx);

            p1.send(Frames.ethernet(MacAddress.of(0xFFFF_FFFF_FFFFL), p1Mac, 0x88B5, new byte[46]));
            await().atMost(Duration.ofSeconds(2)).until(() -> counter(a, "agg", "rx_packets") == aggRx + 1);
        }
    }

    @Test
    void aMemberThatStopsCollectingDropsItsFrames() throws Exception {
        enableAll();
        assertThat(ping(a, "10.77.0.2")).isTrue();
        for (String m : List.of("m1", "m2")) {
            a.call(() -> {
                agg.setCollecting(m, false);
                return null;
            });
        }
        long aggRx = counter(a, "agg", "rx_packets");
        assertThat(ping(a, "10.77.0.2")).as("replies arrive on members that do not collect").isFalse();
        assertThat(counter(a, "agg", "rx_packets")).isEqualTo(aggRx);
    }

    @Test
    void noDistributingMemberMeansDropNotMisdirect() throws Exception {
        enableAll();
        assertThat(ping(a, "10.77.0.2")).isTrue();
        for (String m : List.of("m1", "m2")) {
            a.call(() -> {
                agg.setDistributing(m, false);
                return null;
            });
        }
        long m1 = counter(a, "m1", "tx_packets");
        long m2 = counter(a, "m2", "tx_packets");
        long aggTx = counter(a, "agg", "tx_packets");
        assertThat(ping(a, "10.77.0.2")).isFalse();
        assertThat(counter(a, "agg", "tx_packets")).isGreaterThan(aggTx);
        assertThat(counter(a, "m1", "tx_packets")).isEqualTo(m1);
        assertThat(counter(a, "m2", "tx_packets")).isEqualTo(m2);
    }

    /**
     * The failover figure: the kernel reports m1's carrier loss, the event loop (a thread in A,
     * as the daemon's) takes m1 out, and the stream continues over m2. Prints the
     * carrier-down-event to buckets-re-pointed time (target 50 ms) and the packets lost.
     */
    @Test
    void carrierLossMovesTrafficToTheOtherMember() throws Exception {
        failover(true);
    }

    /** The same, with the monitor's own thread re-pointing at once (no wait for the loop). */
    @Test
    void carrierLossHandledOnTheMonitorThread() throws Exception {
        failover(false);
    }

    private void failover(boolean viaLoop) throws Exception {
        enableAll();
        assertThat(ping(a, "10.77.0.2")).isTrue();
        // a JVM pays class loading and lambda linkage the first time a path runs: take them out
        // of the figure by running the take-out path once (the daemon would at start-up)
        a.call(() -> {
            agg.setCollectingDistributing("m2", false);
            agg.setCollectingDistributing("m2", true);
            return null;
        });
        CompletableFuture<long[]> repointed = new CompletableFuture<>();
        AtomicReference<LinkEvent> carrierLoss = new AtomicReference<>();
        Runnable takeOut = () -> {
            try {
                long started = System.nanoTime();
                agg.setCollectingDistributing("m1", false);
                repointed.complete(new long[] {carrierLoss.get().receivedNanos(), started, System.nanoTime()});
            } catch (DataplaneException e) {
                repointed.completeExceptionally(e);
            }
        };
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        RtnetlinkLinkMonitor monitor = a.call(() -> RtnetlinkLinkMonitor.open(event -> {
            seen.add(event.link().name());
            // only this thread writes: no compareAndSet (whose first use links a VarHandle, slowly)
            if (event.link().name().equals("m1") && !event.link().carrier() && carrierLoss.get() == null) {
                carrierLoss.set(event);
                if (viaLoop) {
                    a.post(takeOut); // what the daemon does: repost to its loop, which drives the data plane
                } else {
                    takeOut.run();
                }
            }
        }));
        // and once through the monitor's event path, as the daemon's start-up link changes do
        a.exec("ip", "link", "add", "name", "w1", "type", "veth", "peer", "name", "w2");
        await().atMost(Duration.ofSeconds(2)).until(() -> seen.contains("w1"));
        try (UdpStream.Sink sink = b.call(() -> new UdpStream.Sink(new InetSocketAddress("10.77.0.2", 9000)));
             UdpStream stream = a.call(() -> UdpStream.from("10.77.0.1", new InetSocketAddress("10.77.0.2", 9000)))) {
            stream.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> sink.count() >= 400);

            RouteNetlink rtnlB = b.call(RouteNetlink::open);
            int p1 = rtnlB.ifindex("p1");
            long cut = System.nanoTime();                          // the cable to m1 is cut
            rtnlB.execute(s -> LinkRequests.setAdminUp(p1, false, s), "set p1 down");
            long cutDone = System.nanoTime();
            rtnlB.close();
            long[] times = repointed.get(5, TimeUnit.SECONDS);
            b.call(() -> {                                         // B's agent does the same on its side
                bgg.setCollectingDistributing("p1", false);
                return null;
            });
            int afterRepoint = stream.sent();
            await().atMost(Duration.ofSeconds(5)).until(() -> stream.sent() >= afterRepoint + 800);
            stream.stop();
            int total = stream.sent();
            await().atMost(Duration.ofSeconds(5)).until(() -> sink.got(total - 1));

            int lost = 0;
            long firstLost = 0;
            long lastLost = 0;
            for (int seq = 0; seq < total; seq++) {
                if (!sink.got(seq)) {
                    lost++;
                    firstLost = firstLost == 0 ? stream.sentAt(seq) : firstLost;
                    lastLost = stream.sentAt(seq);
                }
            }
            String where = viaLoop ? "via the event loop" : "on the monitor thread";
            double eventToRepoint = (times[2] - times[0]) / 1e6;
            System.out.printf("[%s] carrier-down event -> buckets re-pointed: %.1f ms (waiting for the thread %.1f ms,"
                    + " data plane change %.1f ms; load average %s)%n", where, eventToRepoint, (times[1] - times[0]) / 1e6,
                    (times[2] - times[1]) / 1e6, loadAverage());
            System.out.printf("[%s] peer set down -> carrier-down event: %.1f ms (the kernel took %.1f ms to set p1 down)%n",
                    where, (times[0] - cut) / 1e6, (cutDone - cut) / 1e6);
            System.out.printf("[%s] UDP stream (2000 pkt/s over 16 flows): %d of %d lost, over %.1f ms%n",
                    where, lost, total, lost == 0 ? 0.0 : (lastLost - firstLost) / 1e6);
            for (int seq = afterRepoint; seq < total; seq++) {
                assertThat(sink.got(seq)).as("packet %d, sent after the re-point", seq).isTrue();
            }
            // the figure to watch is printed above; this bound only catches a change that hangs
            assertThat(eventToRepoint).as("event to re-pointed, ms (target 50)").isLessThan(1000);
            assertThat(agg.isDistributing("m1")).isFalse();
            assertThat(agg.isDistributing("m2")).isTrue();
        } finally {
            monitor.close();
        }
    }

    @Test
    void closeRemovesEverythingItCreated() throws Exception {
        enableAll();
        a.call(() -> {
            dataplaneA.close();
            return null;
        });
        assertThat(a.exec("ip", "-o", "link", "show")).doesNotContain("agg").contains("m1").contains("m2");
        assertThat(a.exec("tc", "qdisc", "show", "dev", "m1")).doesNotContain("ingress");
        assertThat(a.exec("tc", "qdisc", "show", "dev", "m2")).doesNotContain("ingress");
    }

    @Test
    void setUpProblemsAreOneLineAndLeaveNothingBehind() throws Exception {
        TcDataplane other = new TcDataplane();
        assertThatThrownBy(() -> a.call(() -> other.createAggregate("agg2", List.of("m9"))))
                .isInstanceOf(DataplaneException.class)
                .hasMessage("aggregate agg2: member m9: no such interface");
        // agg is marked as this process's (a running twinlink): never taken over
        assertThatThrownBy(() -> a.call(() -> other.createAggregate("agg", List.of("m1"))))
                .isInstanceOf(DataplaneException.class)
                .hasMessage("aggregate agg belongs to a twinlink that is running (pid " + ProcessHandle.current().pid() + ")");
        // an interface of that name that twinlink did not make: someone else's, left alone
        a.exec("ip", "link", "add", "name", "other", "type", "veth", "peer", "name", "otherpeer");
        assertThatThrownBy(() -> a.call(() -> other.createAggregate("other", List.of("m1"))))
                .isInstanceOf(DataplaneException.class)
                .hasMessage("tc dataplane: cannot create aggregate other: create veth other/otherdp: File exists"
                        + " (not made by twinlink: it has no twinlink mark; remove it with: ip link del other)");
        assertThat(a.exec("ip", "-o", "link", "show", "other")).contains("other");

        // a member that already has someone else's ingress qdisc: refuse, undo, leave theirs alone
        Netns.run("ip", "link", "add", "name", "m3", "netns", a.name, "type", "veth", "peer", "name", "m4", "netns", a.name);
        a.exec("tc", "qdisc", "add", "dev", "m4", "ingress");
        assertThatThrownBy(() -> a.call(() -> other.createAggregate("agg3", List.of("m3", "m4"))))
                .isInstanceOf(DataplaneException.class)
                .hasMessageStartingWith("tc dataplane: cannot set up aggregate agg3: tc qdisc add dev m4 ingress: ")
                .hasMessageEndingWith("(the member already has an ingress qdisc: remove it, or leave the interface out)")
                .hasMessageNotContaining("\n");
        assertThat(a.exec("ip", "-o", "link", "show")).doesNotContain("agg3");
        assertThat(a.exec("tc", "qdisc", "show", "dev", "m3")).doesNotContain("ingress");
        assertThat(a.exec("tc", "qdisc", "show", "dev", "m4")).contains("ingress");
        a.call(() -> {
            other.close();
            return null;
        });
    }

    private void enableAll() throws Exception {
        for (String m : List.of("m1", "m2")) {
            a.call(() -> {
                agg.setCollectingDistributing(m, true);
                return null;
            });
        }
        for (String p : List.of("p1", "p2")) {
            b.call(() -> {
                bgg.setCollectingDistributing(p, true);
                return null;
            });
        }
    }

    private static boolean ping(Netns ns, String address) throws InterruptedException {
        try {
            ns.exec("ping", "-c", "3", "-i", "0.2", "-W", "1", address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String loadAverage() throws IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
    }

    private static long counter(Netns ns, String dev, String stat) throws Exception {
        return Long.parseLong(ns.exec("cat", "/sys/class/net/" + dev + "/statistics/" + stat).strip());
    }
}
