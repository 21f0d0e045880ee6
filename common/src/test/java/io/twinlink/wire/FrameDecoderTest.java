package io.twinlink.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Framing and dispatch: Ethernet II, 802.3/LLC, SNAP, tags of any depth, Linux cooked captures. */
class FrameDecoderTest {

    static final String SRC = "020000000001";
    static final String LACPDU = LacpduTest.GOLDEN.replaceAll("\\s+", "");

    @Test
    void ethernetIiSlowProtocolsDispatchBySubtype() throws MalformedPduException {
        assertThat(decode("0180c2000002" + SRC + "8809" + LACPDU)).isEqualTo(LacpduTest.EXPECTED);
        assertThat(decode("0180c2000002" + SRC + "8809" + MarkerPduTest.GOLDEN_REQUEST))
                .isEqualTo(MarkerPduTest.REQUEST);
        assertThat(decode("0180c2000002" + SRC + "8809" + "0a0019a7" + "00".repeat(42)))
                .isEqualTo(new OtherSlowProtocolPdu(10, 46));
    }

    @Test
    void tagsOfAnyDepthRecordTheOutermostVid() throws MalformedPduException {
        String frame = "0180c2000002" + SRC + "88a8" + "0064" + "9100" + "20c8" + "8100" + "e00a" + "8809" + LACPDU;
        FrameHeader h = FrameHeader.decodeEthernet(Hex.buffer(frame));
        assertThat(h.outerVid()).hasValue(100);
        assertThat(h.tags()).containsExactly(new VlanTag(0x88a8, 0, false, 100), new VlanTag(0x9100, 1, false, 200),
                new VlanTag(0x8100, 7, false, 10));
        assertThat(h.encapsulation()).isEqualTo(new Encapsulation.EthernetII(0x8809));
        assertThat(h.payloadOffset()).isEqualTo(26);
        assertThat(decode(frame)).isEqualTo(LacpduTest.EXPECTED);
    }

    @Test
    void priorityTaggedMstBpduHasVlanZero() throws MalformedPduException {
        ByteBuffer frame = ByteBuffer.wrap(Captures.frame("tcpdump__MSTP_Intra-Region_BPDUs.pcap", 1));
        FrameHeader h = FrameHeader.decodeEthernet(frame);
        assertThat(h.outerVid()).hasValue(0);
        assertThat(h.tags().get(0).priority()).isEqualTo(7);
        assertThat(h.encapsulation()).isEqualTo(new Encapsulation.Llc(0x42, 0x42, 0x03));
        assertThat(h.payloadLength()).as("802.3 length 137 minus LLC").isEqualTo(134);
        assertThat(FrameDecoder.decode(frame)).isInstanceOfSatisfying(FramedBpdu.class,
                b -> assertThat(b.bpdu()).isInstanceOf(MstBpdu.class));
    }

    @Test
    void pvstPlusBpdusCarryTheirOriginatingVlan() throws MalformedPduException {
        String capture = "tcpdump__rpvstp-trunk-native-vid5.pcap";
        ByteBuffer tagged = ByteBuffer.wrap(Captures.frame(capture, 3));
        assertThat(FrameHeader.decodeEthernet(tagged).encapsulation()).isEqualTo(new Encapsulation.Snap(0x00000c, 0x010b));
        assertThat(FrameHeader.decodeEthernet(tagged).outerVid()).hasValue(1);
        FramedBpdu t = (FramedBpdu) FrameDecoder.decode(tagged);
        assertThat(t.pvst()).isTrue();
        assertThat(t.pvstVlan()).hasValue(1);

        FramedBpdu native5 = (FramedBpdu) FrameDecoder.decode(ByteBuffer.wrap(Captures.frame(capture, 5)));
        assertThat(native5.pvst()).isTrue();
        assertThat(native5.pvstVlan()).hasValue(5);
        assertThat(((RstBpdu) native5.bpdu()).rootId()).isEqualTo(new BridgeId(32768, 5, MacAddress.parse("00:1f:6d:96:ec:00")));

        FramedBpdu ieee = (FramedBpdu) FrameDecoder.decode(ByteBuffer.wrap(Captures.frame(capture, 4)));
        assertThat(ieee.pvst()).isFalse();
        assertThat(ieee.pvstVlan()).isEmpty();
    }

    @Test
    void aPvstTlvThatDoesNotFitIsIgnored() throws MalformedPduException {
        byte[] f = Captures.frame("tcpdump__rpvstp-trunk-native-vid5.pcap", 5);
        f[f.length - 3] = 9; // originating VLAN TLV claims 9 octets
        FramedBpdu b = (FramedBpdu) FrameDecoder.decode(ByteBuffer.wrap(f));
        assertThat(b.pvstVlan()).isEmpty();
        assertThat(b.pvst()).isTrue();
    }

    @Test
    void otherProtocolsAreNotPdus() throws MalformedPduException {
        assertThat(decode("ffffffffffff" + SRC + "0806" + "00".repeat(46))).isEqualTo(NotAPdu.INSTANCE); // ARP
        assertThat(decode("01000ccccccc" + SRC + "0020" + "aaaa0300000c2000" + "00".repeat(30)))
                .isEqualTo(NotAPdu.INSTANCE); // CDP: SNAP, Cisco OUI, another PID
        assertThat(decode("01000ccccccc" + SRC + "0020" + "e0e003" + "00".repeat(40)))
                .isEqualTo(NotAPdu.INSTANCE); // IPX LLC
        assertThat(decode("ffffffffffff" + SRC + "05ff" + "00".repeat(46))).isEqualTo(NotAPdu.INSTANCE);
        for (int n : new int[] {2, 12, 22}) { // DTP, VTP, loopback from the Cisco trunk capture
            assertThat(FrameDecoder.decode(ByteBuffer.wrap(Captures.frame("tcpdump__rpvstp-trunk-native-vid5.pcap", n))))
                    .isEqualTo(NotAPdu.INSTANCE);
        }
    }

    @Test
    void linuxCookedCaptures() throws MalformedPduException {
        ByteBuffer sll2 = ByteBuffer.wrap(Captures.frame("PcapPlusPlus__Sll2PacketLLC.pcap", 1));
        FrameHeader h = FrameHeader.decodeLinuxSll2(sll2);
        assertThat(h.destination()).isNull();
        assertThat(h.source()).isEqualTo(MacAddress.parse("e0:1c:fc:d3:b1:e1"));
        assertThat(h.encapsulation()).isEqualTo(new Encapsulation.Llc(0x42, 0x42, 0x03));
        assertThat(FrameDecoder.decode(LinkType.LINUX_SLL2, sll2)).isInstanceOfSatisfying(FramedBpdu.class,
                b -> assertThat(b.bpdu()).isInstanceOf(RstBpdu.class));

        // SLL v1 of an outgoing LACPDU: packet type 4, ARPHRD_ETHER, address length 6, protocol 0x8809
        String sll = "0004" + "0001" + "0006" + SRC + "0000" + "8809" + LACPDU;
        assertThat(FrameDecoder.decode(LinkType.LINUX_SLL, Hex.buffer(sll))).isEqualTo(LacpduTest.EXPECTED);
        assertThat(FrameHeader.decodeLinuxSll(Hex.buffer(sll)).source()).isEqualTo(MacAddress.parse("02:00:00:00:00:01"));
        // a protocol number that is not an EtherType and not 802.2
        assertThat(FrameDecoder.decode(LinkType.LINUX_SLL, Hex.buffer("0000" + "0001" + "0006" + SRC + "0000" + "0003"
                + "00".repeat(40)))).isEqualTo(NotAPdu.INSTANCE);
        // a non-Ethernet ARPHRD has no MAC to show
        assertThat(FrameHeader.decodeLinuxSll(Hex.buffer("0000" + "0304" + "0000" + "00".repeat(8) + "8809" + LACPDU))
                .source()).isNull();
    }

    @Test
    void malformedPdusReportFrameOffsets() {
        byte[] lacp = Captures.frame("tcpdump__LACP.pcap", 1);
        assertThatThrownBy(() -> FrameDecoder.decode(ByteBuffer.wrap(Arrays.copyOf(lacp, 70))))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("truncated LACPDU")
                .extracting("offset").isEqualTo(14);
        byte[] badActor = lacp.clone();
        badActor[14 + 2] = 7;
        assertThatThrownBy(() -> FrameDecoder.decode(ByteBuffer.wrap(badActor)))
                .isInstanceOf(MalformedPduException.class).extracting("offset").isEqualTo(16);
        assertThatThrownBy(() -> FrameDecoder.decode(Hex.buffer("0180c2000002" + SRC + "8100" + "00")))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("truncated VLAN tag")
                .extracting("offset").isEqualTo(14);
        assertThatThrownBy(() -> FrameDecoder.decode(Hex.buffer("0180c2000002" + SRC)))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("truncated Ethernet header");
        assertThatThrownBy(() -> FrameDecoder.decode(Hex.buffer("0180c2000000" + SRC + "0026" + "4242")))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("truncated LLC header");
        assertThatThrownBy(() -> FrameDecoder.decode(Hex.buffer("0180c2000000" + SRC + "0026" + "424213" + "00".repeat(40))))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("must be UI");
    }

    @Test
    void the8023LengthBoundsThePduAndPaddingIsIgnored() throws MalformedPduException {
        byte[] config = Captures.frame("PcapPlusPlus__EthDot3.pcap", 1);
        assertThat(FrameHeader.decodeEthernet(ByteBuffer.wrap(config)).payloadLength()).isEqualTo(35);
        byte[] shortLength = config.clone();
        shortLength[13] = 0x20; // 32: the BPDU no longer fits in what the length covers
        assertThatThrownBy(() -> FrameDecoder.decode(ByteBuffer.wrap(shortLength)))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("truncated Configuration BPDU")
                .extracting("offset").isEqualTo(17);
        byte[] longLength = config.clone();
        longLength[12] = 0x05;
        longLength[13] = (byte) 0xdc; // 1500: more than was captured, tolerated
        assertThat(FrameDecoder.decode(ByteBuffer.wrap(longLength))).isEqualTo(FramedBpdu.ieee(BpduTest.CONFIG_VALUES));
    }

    @Test
    void anyBufferOrderAndPositionWorks() throws MalformedPduException {
        byte[] lacp = Captures.frame("tcpdump__LACP.pcap", 1);
        byte[] shifted = new byte[lacp.length + 9];
        System.arraycopy(lacp, 0, shifted, 5, lacp.length);
        ByteBuffer buf = ByteBuffer.wrap(shifted).order(ByteOrder.LITTLE_ENDIAN).position(5).limit(5 + lacp.length);
        assertThat(FrameDecoder.decode(buf)).isEqualTo(LacpduTest.EXPECTED);
        assertThat(buf.position()).isEqualTo(5);
    }

    @Test
    void everyTruncatedPrefixOfAGoldenFrameFailsCleanly() {
        Truncation.everyPrefixFails(Captures.frame("tcpdump__LACP.pcap", 1), 124, FrameDecoder::decode);
        Truncation.everyPrefixFails(Captures.frame("PcapPlusPlus__EthDot3.pcap", 1), 14 + 3 + 35, FrameDecoder::decode);
        Truncation.everyPrefixFails(Captures.frame("tcpdump__rpvstp-trunk-native-vid5.pcap", 4), 14 + 3 + 36,
                FrameDecoder::decode);
        Truncation.everyPrefixFails(Captures.frame("tcpdump__rpvstp-trunk-native-vid5.pcap", 3), 18 + 8 + 36,
                FrameDecoder::decode);
        Truncation.everyPrefixFails(Captures.frame("tcpdump__MSTP_Intra-Region_BPDUs.pcap", 1), 155, FrameDecoder::decode);
        Truncation.everyPrefixFails(Captures.frame("PcapPlusPlus__Sll2PacketLLC.pcap", 1), 20 + 3 + 36,
                b -> FrameDecoder.decode(LinkType.LINUX_SLL2, b));
        Truncation.everyPrefixFails(FrameEncoder.marker(MacAddress.ZERO, MarkerPduTest.REQUEST), 124,
                FrameDecoder::decode);
    }

    @Test
    void unsupportedLinkTypeIsReported() {
        assertThatThrownBy(() -> FrameDecoder.decode(105, Hex.buffer("00")))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("unsupported link type 105");
    }

    private static FramePdu decode(String hex) throws MalformedPduException {
        return FrameDecoder.decode(Hex.buffer(hex));
    }
}
