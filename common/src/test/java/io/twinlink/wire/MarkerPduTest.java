package io.twinlink.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Marker PDU codec [802.1AX-2020 6.5.3.3]. No public capture of a Marker PDU exists, so the
 * golden bytes are written out from figure 6-27 field by field. The agent's WireOracleTest has
 * tcpdump and tshark read the same PDU in a frame, field by field.
 */
class MarkerPduTest {

    static final String GOLDEN_REQUEST = "0201"          // subtype 2, version 1
            + "0110" + "0007" + "020000000001" + "0000beef"  // Marker Information, len 16, port 7, system, txn
            + "0000" + "0000"                                // pad, Terminator
            + "00".repeat(90);

    static final MarkerPdu REQUEST = MarkerPdu.request(7, MacAddress.parse("02:00:00:00:00:01"), 0xBEEF);

    @Test
    void goldenBytesBothWays() throws MalformedPduException {
        assertThat(Hex.of(REQUEST.encode())).isEqualTo(GOLDEN_REQUEST);
        assertThat(MarkerPdu.decode(Hex.buffer(GOLDEN_REQUEST))).isEqualTo(REQUEST);
    }

    @Test
    void responseCopiesTheRequesterFieldsAndFlipsTheTlv() throws MalformedPduException {
        // [802.1AX-2020 6.5.4.2]
        MarkerPdu response = REQUEST.response();
        byte[] expected = Hex.bytes(GOLDEN_REQUEST);
        expected[2] = 2;
        assertThat(response.encode()).isEqualTo(expected);
        assertThat(MarkerPdu.decode(ByteBuffer.wrap(expected)).tlv()).isEqualTo(MarkerPdu.Tlv.RESPONSE);
    }

    @Test
    void everyTruncatedPrefixFailsCleanly() {
        Truncation.everyPrefixFails(Hex.bytes(GOLDEN_REQUEST), MarkerPdu.LENGTH, MarkerPdu::decode);
    }

    @Test
    void rejectsUnknownTlvAndBadLength() {
        byte[] tlv = Hex.bytes(GOLDEN_REQUEST);
        tlv[2] = 3;
        assertThatThrownBy(() -> MarkerPdu.decode(ByteBuffer.wrap(tlv)))
                .isInstanceOf(MalformedPduException.class).hasMessageContaining("unknown Marker TLV type 3");
        byte[] length = Hex.bytes(GOLDEN_REQUEST);
        length[3] = 17;
        assertThatThrownBy(() -> MarkerPdu.decode(ByteBuffer.wrap(length)))
                .isInstanceOf(MalformedPduException.class).extracting("offset").isEqualTo(3);
    }

    @Test
    void transactionIdIsUnsigned32() throws MalformedPduException {
        MarkerPdu big = MarkerPdu.request(65535, MacAddress.parse("ff:ff:ff:ff:ff:fe"), 0xFFFF_FFFFL);
        assertThat(MarkerPdu.decode(ByteBuffer.wrap(big.encode()))).isEqualTo(big);
    }
}
