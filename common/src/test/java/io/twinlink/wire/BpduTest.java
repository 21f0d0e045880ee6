package io.twinlink.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * BPDU codecs [802.1D-2004 9.3; 802.1Q-2018 14]. Golden bytes are real frames: a Cisco
 * Configuration BPDU (PcapPlusPlus__EthDot3.pcap), a Cisco RST BPDU
 * (tcpdump__rpvstp-trunk-native-vid5.pcap frame 4) and a Cisco MST BPDU
 * (tcpdump__MSTP_Intra-Region_BPDUs.pcap frame 1); the values are what tcpdump printed.
 */
class BpduTest {

    static final String CONFIG = "000000000000000013f71edff0000027108000"
            + "0013f7115ec0801b0100140002000f00";
    static final ConfigBpdu CONFIG_VALUES = new ConfigBpdu(BpduFlags.NONE,
            BridgeId.of(0, MacAddress.parse("00:13:f7:1e:df:f0")), 10000,
            BridgeId.of(32768, MacAddress.parse("00:13:f7:11:5e:c0")), PortId.of(0x801b),
            BpduTimes.ofSeconds(1, 20, 2, 15));

    static final String RST = "000002020e8001001f6d96ec000000000080"
            + "01001f6d96ec0080040000140002000f0000";
    static final RstBpdu RST_VALUES = new RstBpdu(
            BpduFlags.of(false, true, BpduPortRole.DESIGNATED, false, false, false, false),
            new BridgeId(32768, 1, MacAddress.parse("00:1f:6d:96:ec:00")), 0,
            new BridgeId(32768, 1, MacAddress.parse("00:1f:6d:96:ec:00")), new PortId(128, 4),
            BpduTimes.ofSeconds(0, 20, 2, 15));

    static final String MST = """
            00000302380000001f27b47d8000030d408000001646b58c8080120100140002
            000f000000600042726577657279000000000000000000000000000000000000
            0000000000000000009357ebb7a8d74dd5fef4f2bab50531aa00030d40800000
            1ef705a88014fc6001001ef705a88000000000608014f88002001646b58c8000
            030d40808014""";

    static final String TCN = "00000080";

    @Test
    void configBpduGoldenBytesBothWays() throws MalformedPduException {
        assertThat(Bpdu.decode(Hex.buffer(CONFIG))).isEqualTo(CONFIG_VALUES);
        assertThat(Hex.of(CONFIG_VALUES.encode())).isEqualTo(CONFIG);
    }

    @Test
    void rstBpduGoldenBytesBothWays() throws MalformedPduException {
        assertThat(Bpdu.decode(Hex.buffer(RST))).isEqualTo(RST_VALUES);
        assertThat(Hex.of(RST_VALUES.encode())).isEqualTo(RST);
        assertThat(RST_VALUES.flags().portRole()).isEqualTo(BpduPortRole.DESIGNATED);
        assertThat(RST_VALUES.flags().proposal()).isTrue();
    }

    @Test
    void tcnBpduGoldenBytesBothWays() throws MalformedPduException {
        assertThat(Bpdu.decode(Hex.buffer(TCN))).isEqualTo(new TcnBpdu());
        assertThat(Hex.of(new TcnBpdu().encode())).isEqualTo(TCN);
    }

    @Test
    void mstBpduDecodesAsTcpdumpPrintedIt() throws MalformedPduException {
        MstBpdu m = (MstBpdu) Bpdu.decode(Hex.buffer(MST));
        assertThat(m.protocolVersion()).isEqualTo(3);
        assertThat(m.isSpt()).isFalse();
        assertThat(m.flags().names()).containsExactly("Learn", "Forward");
        assertThat(m.flags().portRole()).isEqualTo(BpduPortRole.ROOT);
        assertThat(m.rootId()).hasToString("0000.00:1f:27:b4:7d:80");
        assertThat(m.rootPathCost()).isEqualTo(200000);
        assertThat(m.bridgeId()).as("CIST regional root").hasToString("8000.00:16:46:b5:8c:80");
        assertThat(m.portId()).hasToString("8012");
        assertThat(m.times()).isEqualTo(BpduTimes.ofSeconds(1, 20, 2, 15));
        assertThat(m.configId().name()).isEqualTo("Brewery");
        assertThat(m.configId().revisionLevel()).isZero();
        assertThat(m.configId().digestHex()).isEqualTo("9357ebb7a8d74dd5fef4f2bab50531aa");
        assertThat(m.cistInternalRootPathCost()).isEqualTo(200000);
        assertThat(m.cistBridgeId()).hasToString("8000.00:1e:f7:05:a8:80");
        assertThat(m.cistRemainingHops()).isEqualTo(20);
        assertThat(m.mstis()).hasSize(2);
        MstiConfiguration msti1 = m.mstis().get(0);
        assertThat(msti1.mstid()).isEqualTo(1);
        assertThat(msti1.flags().names()).containsExactly("Learn", "Forward", "Agreement", "Topology change ACK");
        assertThat(msti1.flags().master()).isTrue();
        assertThat(msti1.flags().portRole()).isEqualTo(BpduPortRole.DESIGNATED);
        assertThat(msti1.regionalRootId()).isEqualTo(new BridgeId(24576, 1, MacAddress.parse("00:1e:f7:05:a8:80")));
        assertThat(msti1.internalRootPathCost()).isZero();
        assertThat(msti1.bridgePriority()).isEqualTo(6 * 4096);
        assertThat(msti1.portPriority()).isEqualTo(8 * 16);
        assertThat(msti1.remainingHops()).isEqualTo(20);
        assertThat(m.mstis().get(1).mstid()).isEqualTo(2);
        assertThat(m.mstis().get(1).flags().portRole()).isEqualTo(BpduPortRole.ROOT);
        // an RSTP bridge sees the CIST part as an RST BPDU [802.1D-2004 9.3.4 c)]
        assertThat(m.cist()).isInstanceOf(RstBpdu.class);
        assertThat(m.cist().protocolVersion()).isEqualTo(3);
    }

    @Test
    void sptBpduIsRecognisedWithItsVersion4Part() throws MalformedPduException {
        byte[] mst = Hex.bytes(MST);
        byte[] spt = Arrays.copyOf(mst, mst.length + 2 + 85);
        spt[2] = 4;
        spt[mst.length + 1] = 85;
        MstBpdu m = (MstBpdu) Bpdu.decode(ByteBuffer.wrap(spt));
        assertThat(m.isSpt()).isTrue();
        assertThat(m.mstis()).hasSize(2);
        spt[mst.length + 1] = 84;
        assertThatThrownBy(() -> Bpdu.decode(ByteBuffer.wrap(spt)))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("Version 4 Length 84");
        assertThatThrownBy(() -> Bpdu.decode(ByteBuffer.wrap(Arrays.copyOf(spt, mst.length + 1))))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("truncated SPT BPDU Version 4 Length");
    }

    @Test
    void everyTruncatedPrefixFailsCleanly() {
        Truncation.everyPrefixFails(Hex.bytes(CONFIG), ConfigBpdu.LENGTH, Bpdu::decode);
        Truncation.everyPrefixFails(Hex.bytes(RST), RstBpdu.LENGTH, Bpdu::decode);
        Truncation.everyPrefixFails(Hex.bytes(TCN), TcnBpdu.LENGTH, Bpdu::decode);
        Truncation.everyPrefixFails(Hex.bytes(MST), Hex.bytes(MST).length, Bpdu::decode);
    }

    @Test
    void mstValidation() {
        byte[] v1 = Hex.bytes(MST);
        v1[35] = 1;
        assertThatThrownBy(() -> Bpdu.decode(ByteBuffer.wrap(v1)))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("Version 1 Length must be 0")
                .extracting("offset").isEqualTo(35);
        byte[] v3 = Hex.bytes(MST);
        v3[37] = 0x61; // 97: not 64 + 16n
        assertThatThrownBy(() -> Bpdu.decode(ByteBuffer.wrap(v3)))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("Version 3 Length 97")
                .extracting("offset").isEqualTo(36);
    }

    @Test
    void rejectsWhat802_1D_9_3_4_Discards() {
        assertThatThrownBy(() -> Bpdu.decode(Hex.buffer("00010000" + CONFIG.substring(8))))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("protocol identifier 0x0001");
        assertThatThrownBy(() -> Bpdu.decode(Hex.buffer("00000001" + CONFIG.substring(8))))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("unknown BPDU type 0x01")
                .extracting("offset").isEqualTo(3);
        assertThatThrownBy(() -> Bpdu.decode(Hex.buffer("00000102" + RST.substring(8))))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("protocol version 1");
    }

    @Test
    void toleratesOtherVersionsOfConfigAndTcn() throws MalformedPduException {
        // [802.1D-2004 9.3.4 a), b)]: the version is not checked for these two types
        assertThat(Bpdu.decode(Hex.buffer("00000280"))).isEqualTo(new TcnBpdu(2));
        ConfigBpdu c = (ConfigBpdu) Bpdu.decode(Hex.buffer("00000300" + CONFIG.substring(8)));
        assertThat(c.protocolVersion()).isEqualTo(3);
        assertThat(c.encode()[2]).as("we send version 0").isZero();
    }

    @Test
    void configEncodingClearsFlagsItDoesNotDefine() {
        ConfigBpdu all = new ConfigBpdu(BpduFlags.of(0xFF), CONFIG_VALUES.rootId(), 4, CONFIG_VALUES.bridgeId(),
                CONFIG_VALUES.portId(), BpduTimes.DEFAULTS);
        assertThat(all.encode()[4]).isEqualTo((byte) 0x81);
    }

    @Test
    void bridgeIdsCompareAsUnsigned64BitNumbers() {
        MacAddress a = MacAddress.parse("00:00:00:00:00:01");
        MacAddress b = MacAddress.parse("ff:00:00:00:00:00");
        assertThat(BridgeId.of(4096, b)).isLessThan(BridgeId.of(32768, a));
        assertThat(BridgeId.of(61440, a)).isGreaterThan(BridgeId.of(32768, b)); // sign bit set in both
        assertThat(new BridgeId(32768, 1, a)).isGreaterThan(new BridgeId(32768, 0, b));
        assertThat(BridgeId.of(32768, a)).isLessThan(BridgeId.of(32768, b));
        BridgeId id = new BridgeId(61440, 4095, b);
        assertThat(BridgeId.of(id.value())).isEqualTo(id);
        assertThat(id).hasToString("ffff.ff:00:00:00:00:00");
        assertThatThrownBy(() -> new BridgeId(100, 0, a)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BridgeId(4096, 4096, a)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void portIdsAreFourBitsOfPriorityAndTwelveOfNumber() {
        PortId p = PortId.of(0x8123);
        assertThat(p.priority()).isEqualTo(128);
        assertThat(p.number()).isEqualTo(0x123);
        assertThat(p.value()).isEqualTo(0x8123);
        assertThat(new PortId(16, 4095)).isLessThan(new PortId(32, 0));
        assertThat(p).hasToString("8123");
        assertThatThrownBy(() -> new PortId(8, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void flagsHaveNamedAccessorsAndARole() {
        BpduFlags f = BpduFlags.of(true, true, BpduPortRole.ALTERNATE_BACKUP, true, true, true, true);
        assertThat(f.bits()).isEqualTo(0xFF & ~0x08);
        assertThat(f.topologyChange() && f.proposal() && f.learning() && f.forwarding() && f.agreement()
                && f.topologyChangeAck()).isTrue();
        assertThat(f.portRole()).isEqualTo(BpduPortRole.ALTERNATE_BACKUP);
        assertThat(f.withPortRole(BpduPortRole.ROOT).portRole()).isEqualTo(BpduPortRole.ROOT);
        assertThat(f.with(BpduFlags.PROPOSAL, false).proposal()).isFalse();
        assertThat(BpduPortRole.of(3).jsonName()).isEqualTo("designated");
    }
}
