package io.twinlink.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** LACPDU codec [802.1AX-2020 6.4.2.3], golden bytes from tcpdump__LACP.pcap frame 1 (a Cisco switch). */
class LacpduTest {

    static final String GOLDEN = """
            0101011480000013c4120f00000d800000168500000002148000000e8316f500
            000d800000193600000003108000000000000000000000000000000000000000
            0000000000000000000000000000000000000000000000000000000000000000
            0000000000000000000000000000""";

    /** What tcpdump__lacp-ev.out says about frame 1. */
    static final Lacpdu EXPECTED = new Lacpdu(1,
            new LacpInfo(32768, MacAddress.parse("00:13:c4:12:0f:00"), 13, 32768, 22,
                    LacpPortState.of(LacpPortState.ACTIVITY | LacpPortState.AGGREGATION | LacpPortState.EXPIRED)),
            new LacpInfo(32768, MacAddress.parse("00:0e:83:16:f5:00"), 13, 32768, 25,
                    LacpPortState.of(LacpPortState.TIMEOUT | LacpPortState.AGGREGATION | LacpPortState.COLLECTING
                            | LacpPortState.DISTRIBUTING)),
            32768);

    @Test
    void decodesGoldenBytes() throws MalformedPduException {
        assertThat(Lacpdu.decode(Hex.buffer(GOLDEN))).isEqualTo(EXPECTED);
    }

    @Test
    void encodesGoldenBytes() {
        assertThat(Hex.of(EXPECTED.encode())).isEqualTo(Hex.of(Hex.bytes(GOLDEN)));
    }

    @Test
    void decodesFromTheBufferPositionWithoutMovingIt() throws MalformedPduException {
        byte[] framed = new byte[7 + 110 + 5];
        System.arraycopy(Hex.bytes(GOLDEN), 0, framed, 7, 110);
        ByteBuffer buf = ByteBuffer.wrap(framed).position(7).limit(117);
        assertThat(Lacpdu.decode(buf)).isEqualTo(EXPECTED);
        assertThat(buf.position()).isEqualTo(7);
    }

    @Test
    void everyTruncatedPrefixFailsCleanly() {
        Truncation.everyPrefixFails(Hex.bytes(GOLDEN), Lacpdu.LENGTH, Lacpdu::decode);
    }

    @Test
    void toleratesNonZeroReservedOctets() throws MalformedPduException {
        // [802.1AX-2020 6.4.2.3]: reserved octets are ignored on receipt
        byte[] b = Hex.bytes(GOLDEN);
        b[2 + 2 + 15] = (byte) 0xFF; // Actor reserved
        b[46] = (byte) 0xAA;         // Collector reserved
        b[109] = 0x55;               // trailing reserved
        assertThat(Lacpdu.decode(ByteBuffer.wrap(b))).isEqualTo(EXPECTED);
    }

    @Test
    void toleratesAHigherVersionWithExtraTlvs() throws MalformedPduException {
        // A version 2 LACPDU may carry more TLVs before the Terminator; they are skipped by length.
        byte[] b = Hex.bytes(GOLDEN);
        b[1] = 2;
        b[58] = 0x04; // a TLV we do not know, 6 octets long
        b[59] = 6;
        byte[] bigger = new byte[128];
        System.arraycopy(b, 0, bigger, 0, 110);
        Lacpdu pdu = Lacpdu.decode(ByteBuffer.wrap(bigger));
        assertThat(pdu.version()).isEqualTo(2);
        assertThat(pdu.actor()).isEqualTo(EXPECTED.actor());
        assertThat(pdu.encode()[1]).as("we always answer in version 1").isEqualTo((byte) 1);
    }

    @Test
    void aLyingTlvLengthInAHigherVersionIsMalformed() {
        byte[] b = new byte[110];
        System.arraycopy(Hex.bytes(GOLDEN), 0, b, 0, 110);
        b[1] = 2;
        b[58] = 0x04;
        b[59] = (byte) 200; // runs past the end
        assertThatThrownBy(() -> Lacpdu.decode(ByteBuffer.wrap(b)))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("truncated TLV type 4");
    }

    @Test
    void rejectsVersionZeroAndWrongTlvs() {
        byte[] v0 = Hex.bytes(GOLDEN);
        v0[1] = 0;
        assertThatThrownBy(() -> Lacpdu.decode(ByteBuffer.wrap(v0)))
                .isInstanceOf(MalformedPduException.class).extracting("offset").isEqualTo(1);
        byte[] partnerType = Hex.bytes(GOLDEN);
        partnerType[22] = 9;
        assertThatThrownBy(() -> Lacpdu.decode(ByteBuffer.wrap(partnerType)))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("Partner TLV expected")
                .extracting("offset").isEqualTo(22);
        byte[] collectorLength = Hex.bytes(GOLDEN);
        collectorLength[43] = 15;
        assertThatThrownBy(() -> Lacpdu.decode(ByteBuffer.wrap(collectorLength)))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("Collector TLV length must be 16");
    }

    @Test
    void stateFlagNamesFollowTheJsonContract() {
        assertThat(LacpPortState.of(0xFF).flagNames()).containsExactly("activity", "timeout", "aggregation",
                "synchronization", "collecting", "distributing", "defaulted", "expired");
        assertThat(EXPECTED.actor().state().flagNames()).containsExactly("activity", "aggregation", "expired");
    }
}
