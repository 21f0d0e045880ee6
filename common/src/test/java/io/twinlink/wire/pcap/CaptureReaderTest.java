package io.twinlink.wire.pcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinlink.wire.Captures;
import io.twinlink.wire.FrameDecoder;
import io.twinlink.wire.Lacpdu;
import io.twinlink.wire.LinkType;
import io.twinlink.wire.MalformedPduException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** pcap and pcapng reading [draft-ietf-opsawg-pcap, draft-ietf-opsawg-pcapng]. */
class CaptureReaderTest {

    private static final byte[] FRAME = Captures.frame("tcpdump__LACP.pcap", 1);

    @Test
    void littleEndianMicrosecondPcap() throws MalformedCaptureException {
        CaptureReader r = CaptureReader.open(Captures.bytes("tcpdump__LACP.pcap"));
        assertThat(r.format()).isEqualTo("pcap");
        CapturedPacket first = r.next();
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.linkType()).isEqualTo(LinkType.ETHERNET);
        assertThat(first.capturedLength()).isEqualTo(124);
        assertThat(first.originalLength()).isEqualTo(124);
        assertThat(first.timestampNanos()).isEqualTo(1_258_257_730_267_147_000L); // 2009-11-15 04:02:10.267147 UTC
        assertThat(CaptureReader.readAll(Captures.bytes("tcpdump__LACP.pcap"))).hasSize(20);
    }

    @Test
    void bigEndianPcap() throws MalformedCaptureException {
        List<CapturedPacket> p = CaptureReader.readAll(Captures.bytes("malformed/tcpdump__slow-ossp.pcap"));
        assertThat(p).hasSize(1);
        assertThat(p.get(0).capturedLength()).isEqualTo(66);
        assertThat(p.get(0).timestampNanos()).isEqualTo(1_758_639_600_000_000_000L); // 2025-09-23 15:00:00 UTC
    }

    @Test
    void nanosecondPcapKeepsNanoseconds() throws MalformedCaptureException {
        CaptureReader r = CaptureReader.open(Captures.bytes("generated/MSTP_Intra-Region_BPDUs.nsec.pcap"));
        assertThat(r.format()).isEqualTo("pcap (nanosecond)");
        assertThat(r.next().timestampNanos()).isEqualTo(1_335_882_518_018_637_000L); // 2012-05-01 14:28:38.018637
    }

    @Test
    void snapLengthCutPacketsAreMarkedTruncated() throws MalformedCaptureException {
        CapturedPacket p = CaptureReader.readAll(Captures.bytes("malformed/tcpdump__stp-heapoverflow-1.pcap")).get(13);
        assertThat(p.capturedLength()).isEqualTo(19);
        assertThat(p.originalLength()).isEqualTo(262144);
        assertThat(p.truncated()).isTrue();
    }

    @Test
    void pcapngFromEditcap() throws MalformedCaptureException {
        CaptureReader r = CaptureReader.open(Captures.bytes("generated/LACP.pcapng"));
        assertThat(r.format()).isEqualTo("pcapng");
        List<CapturedPacket> ng = CaptureReader.readAll(Captures.bytes("generated/LACP.pcapng"));
        List<CapturedPacket> classic = CaptureReader.readAll(Captures.bytes("tcpdump__LACP.pcap"));
        assertThat(ng).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(ng.get(i).timestampNanos()).isEqualTo(classic.get(i).timestampNanos());
            assertThat(ng.get(i).data()).isEqualTo(classic.get(i).data());
        }
    }

    @Test
    void pcapngBlocksInBothByteOrdersWithPerInterfaceLinkTypes() throws MalformedCaptureException {
        byte[] sll2 = Captures.frame("PcapPlusPlus__Sll2PacketLLC.pcap", 1);
        byte[] file = new PcapngBuilder()
                .section(ByteOrder.BIG_ENDIAN)
                .iface(LinkType.ETHERNET, 0, 9, 0)                 // nanoseconds
                .iface(LinkType.LINUX_SLL2, 0, 0x80 | 10, 100)     // 1/1024 s, +100 s
                .other(4, 8)                                       // a Name Resolution Block
                .enhanced(0, 1_500_000_000_123_456_789L, FRAME, 124)
                .enhanced(1, 3L * 1024 + 512, sll2, sll2.length)  // 3.5 s + 100 s offset
                .simple(FRAME)
                .obsoletePacket(0, 7L, Arrays.copyOf(FRAME, 60))
                .section(ByteOrder.LITTLE_ENDIAN)                  // a new section forgets the interfaces
                .iface(LinkType.ETHERNET, 64, -1, 0)               // default microseconds, snap 64
                .enhanced(0, 1_000_001L, FRAME, 124)
                .simple(FRAME)                                     // cut to the snap length
                .bytes();
        List<CapturedPacket> p = CaptureReader.readAll(file);
        assertThat(p).extracting(CapturedPacket::number).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(p).extracting(CapturedPacket::linkType)
                .containsExactly(1, LinkType.LINUX_SLL2, 1, 1, 1, 1);
        assertThat(p).extracting(CapturedPacket::timestampNanos)
                .containsExactly(1_500_000_000_123_456_789L, 103_500_000_000L, 0L, 7L, 1_000_001_000L, 0L);
        assertThat(p.get(1).interfaceId()).isEqualTo(1);
        assertThat(p.get(2).data()).isEqualTo(ByteBuffer.wrap(FRAME));
        assertThat(p.get(3).capturedLength()).isEqualTo(60);
        assertThat(p.get(5).capturedLength()).isEqualTo(64);
        assertThat(p.get(5).originalLength()).isEqualTo(124);
        assertThat(p.get(5).truncated()).isTrue();
        try {
            assertThat(FrameDecoder.decode(p.get(0).linkType(), p.get(0).data())).isInstanceOf(Lacpdu.class);
            assertThat(FrameDecoder.decode(p.get(1).linkType(), p.get(1).data())).isNotNull();
        } catch (MalformedPduException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void brokenFilesFailWithAnOffsetAndAReason() {
        assertThatThrownBy(() -> CaptureReader.open(new byte[0]))
                .isInstanceOf(MalformedCaptureException.class).hasMessageContaining("not a pcap or pcapng file");
        assertThatThrownBy(() -> CaptureReader.open("hello, world\n".getBytes()))
                .isInstanceOf(MalformedCaptureException.class).hasMessageContaining("magic 0x68656c6c");
        byte[] lacp = Captures.bytes("tcpdump__LACP.pcap");
        assertThatThrownBy(() -> CaptureReader.readAll(Arrays.copyOf(lacp, 24 + 16 + 124 + 10)))
                .isInstanceOf(MalformedCaptureException.class).hasMessageContaining("truncated record header of packet 2")
                .extracting("offset").isEqualTo(164L);
        assertThatThrownBy(() -> CaptureReader.readAll(Arrays.copyOf(lacp, 24 + 16 + 100)))
                .isInstanceOf(MalformedCaptureException.class).hasMessageContaining("packet 1 claims 124 captured octets");
        assertThatThrownBy(() -> CaptureReader.open(Arrays.copyOf(lacp, 20)))
                .isInstanceOf(MalformedCaptureException.class).hasMessageContaining("truncated pcap file header");
        byte[] version = lacp.clone();
        version[4] = 9;
        assertThatThrownBy(() -> CaptureReader.open(version))
                .isInstanceOf(MalformedCaptureException.class).hasMessageContaining("unsupported pcap version 9");

        byte[] ng = Captures.bytes("generated/LACP.pcapng");
        byte[] lengths = ng.clone();
        lengths[ng.length - 1] = 1; // last block's trailing length no longer matches
        assertThatThrownBy(() -> CaptureReader.readAll(lengths))
                .isInstanceOf(MalformedCaptureException.class).hasMessageContaining("block lengths disagree");
        assertThatThrownBy(() -> CaptureReader.readAll(Arrays.copyOf(ng, ng.length - 6)))
                .isInstanceOf(MalformedCaptureException.class).hasMessageContaining("remain");
        byte[] noIface = new PcapngBuilder().section(ByteOrder.LITTLE_ENDIAN).enhanced(0, 0, FRAME, 124).bytes();
        assertThatThrownBy(() -> CaptureReader.readAll(noIface))
                .isInstanceOf(MalformedCaptureException.class).hasMessageContaining("names interface 0");
        byte[] badMagic = new PcapngBuilder().section(ByteOrder.LITTLE_ENDIAN).bytes();
        badMagic[8] = 0;
        assertThatThrownBy(() -> CaptureReader.open(badMagic))
                .isInstanceOf(MalformedCaptureException.class).hasMessageContaining("byte-order magic");
    }
}
