package io.twinlink.it.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.twinlink.agent.io.FrameIoException;
import io.twinlink.agent.io.PcapFrameTransport;
import io.twinlink.agent.io.PcapLibrary;
import io.twinlink.agent.io.ReceivedFrame;
import io.twinlink.wire.MacAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** pcap transports on the two ends of a veth pair inside a network namespace. */
class PcapFrameTransportIT {

    private static final MacAddress A_MAC = MacAddress.parse("02:00:00:00:0a:01");
    private static final MacAddress B_MAC = MacAddress.parse("02:00:00:00:0b:01");

    private Netns ns;
    private PcapFrameTransport a;
    private PcapFrameTransport b;
    private final BlockingQueue<ReceivedFrame> atA = new LinkedBlockingQueue<>();
    private final BlockingQueue<ReceivedFrame> atB = new LinkedBlockingQueue<>();

    @BeforeEach
    void vethPair() throws Exception {
        ns = Netns.create("pcap");
        ns.exec("ip", "link", "add", "name", "tla", "address", A_MAC.toString(), "type", "veth",
                "peer", "name", "tlb", "address", B_MAC.toString());
        ns.exec("ip", "link", "set", "tla", "up");
        ns.exec("ip", "link", "set", "tlb", "up");
        a = ns.call(() -> PcapFrameTransport.open("tla", atA::add));
        b = ns.call(() -> PcapFrameTransport.open("tlb", atB::add));
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (a != null) {
                a.close();
            }
            if (b != null) {
                b.close();
            }
        } finally {
            ns.close();
        }
    }

    @Test
    void loadsTheRuntimeLibpcapWithoutTheDevelopmentSymlink() throws Exception {
        String version = PcapLibrary.load();
        System.out.println("pcap library: " + System.getProperty(PcapLibrary.PROPERTY) + " -> " + version);
        assertThat(version).startsWith("libpcap version");
    }

    @Test
    void lacpduCrossesTheLinkAndIsNotEchoedToItsSender() throws Exception {
        byte[] lacpdu = Frames.lacpdu(A_MAC, 1);
        long before = System.nanoTime();
        a.send(lacpdu);
        ReceivedFrame got = atB.poll(2, TimeUnit.SECONDS);
        long after = System.nanoTime();

        assertThat(got).as("LACPDU at tlb").isNotNull();
        assertThat(got.port()).isEqualTo("tlb");
        assertThat(got.frame()).isEqualTo(lacpdu);
        assertThat(got.receivedNanos()).isBetween(before, after);
        System.out.printf("pcap send -> listener: %.3f ms%n", (got.receivedNanos() - before) / 1e6);

        // the answer proves tla's capture runs; its own LACPDU would have been captured first
        byte[] answer = Frames.lacpdu(B_MAC, 2);
        b.send(answer);
        ReceivedFrame atSender = atA.poll(2, TimeUnit.SECONDS);
        assertThat(atSender).isNotNull();
        assertThat(atSender.frame()).as("first frame captured at tla is the partner's").isEqualTo(answer);
        assertThat(atA).isEmpty();

        assertThat(a.counters().txFrames()).isEqualTo(1);
        assertThat(a.counters().rxFrames()).isEqualTo(1);
        assertThat(b.counters().rxFrames()).isEqualTo(1);
        assertThat(b.counters().captureDrops()).isZero();
    }

    @Test
    void kernelFilterPassesOnlyControlFrames() throws Exception {
        MacAddress broadcast = MacAddress.of(0xFFFF_FFFF_FFFFL);
        byte[] data = Frames.ethernet(broadcast, A_MAC, 0x88B5, new byte[46]);        // local experimental
        byte[] lldp = Frames.ethernet(MacAddress.parse("01:80:c2:00:00:0e"), A_MAC, 0x88CC, new byte[46]);
        byte[] stp = Frames.configBpdu(MacAddress.BRIDGE_GROUP, A_MAC);
        byte[] pvst = Frames.configBpdu(MacAddress.PVST, A_MAC);
        byte[] slow = Frames.lacpdu(A_MAC, 1);
        for (byte[] f : List.of(data, lldp, stp, pvst, slow)) {
            a.send(f);
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> atB.size() >= 3);

        List<ReceivedFrame> got = List.copyOf(atB);
        assertThat(got).extracting(r -> MacAddress.of(java.util.Arrays.copyOf(r.frame(), 6)))
                .containsExactly(MacAddress.BRIDGE_GROUP, MacAddress.PVST, MacAddress.SLOW_PROTOCOLS);
        // a 52-octet BPDU goes out padded to the 802.3 minimum
        assertThat(got.get(0).frame()).hasSize(60);
        assertThat(java.util.Arrays.copyOf(got.get(0).frame(), stp.length)).isEqualTo(stp);
        assertThat(a.counters().txFrames()).isEqualTo(5);
    }

    @Test
    void captureSurvivesItsInterfaceGoingDownAndUp() throws Exception {
        ns.exec("ip", "link", "set", "tlb", "down");
        assertThatThrownBy(() -> b.send(Frames.lacpdu(B_MAC, 2)))
                .isInstanceOf(FrameIoException.class)
                .hasMessageStartingWith("send on tlb failed: ")
                .hasMessageNotContaining("\n");
        assertThat(b.counters().txErrors()).isEqualTo(1);
        ns.exec("ip", "link", "set", "tlb", "up");
        await().atMost(Duration.ofSeconds(5)).until(() -> ns.exec("cat", "/sys/class/net/tla/carrier").strip().equals("1"));

        byte[] lacpdu = Frames.lacpdu(A_MAC, 1);
        a.send(lacpdu);
        ReceivedFrame got = atB.poll(2, TimeUnit.SECONDS);
        assertThat(got).as("LACPDU after tlb came back").isNotNull();
        assertThat(got.frame()).isEqualTo(lacpdu);
    }

    @Test
    void oneCaptureThreadServesEveryPortAndCloseStopsDelivery() throws Exception {
        // one thread polls every port's capture: no thread per port
        assertThat(threadAlive("twinlink-rx")).isTrue();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("twinlink-rx-"));
        long start = System.nanoTime();
        b.close();
        System.out.printf("pcap transport close: %.1f ms%n", (System.nanoTime() - start) / 1e6);
        a.send(Frames.lacpdu(A_MAC, 1));
        assertThat(atB.poll(300, TimeUnit.MILLISECONDS)).as("nothing delivered after close").isNull();
        b = null;
        // the other port is still read
        byte[] lacpdu = Frames.lacpdu(A_MAC, 2);
        PcapFrameTransport c = ns.call(() -> PcapFrameTransport.open("tlb", atB::add));
        try {
            a.send(lacpdu);
            ReceivedFrame got = atB.poll(2, TimeUnit.SECONDS);
            assertThat(got).as("tlb opened again is read again").isNotNull();
            assertThat(got.frame()).isEqualTo(lacpdu);
        } finally {
            c.close();
        }
    }

    @Test
    void missingInterfaceIsAOneLineError() {
        assertThatThrownBy(() -> ns.call(() -> PcapFrameTransport.open("tlnope0", f -> { })))
                .isInstanceOf(FrameIoException.class)
                .hasMessageStartingWith("cannot capture on tlnope0: ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> PcapFrameTransport.open("bad name", f -> { }))
                .isInstanceOf(FrameIoException.class)
                .hasMessage("interface name \"bad name\" contains whitespace");
    }

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }
}
