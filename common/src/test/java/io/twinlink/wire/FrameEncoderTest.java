package io.twinlink.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * Our frames are octet-for-octet what real equipment sent: each golden frame below is a whole
 * captured frame (padding included), rebuilt from its decoded values.
 */
class FrameEncoderTest {

    @Test
    void lacpduFrameEqualsTheCiscoFrame() {
        byte[] frame = FrameEncoder.lacpdu(MacAddress.parse("00:13:c4:12:0f:0d"), LacpduTest.EXPECTED);
        assertThat(Hex.of(frame)).isEqualTo(Hex.of(Captures.frame("tcpdump__LACP.pcap", 1)));
    }

    @Test
    void configBpduFrameEqualsTheCiscoFrame() {
        byte[] frame = FrameEncoder.bpdu(MacAddress.parse("00:13:f7:11:5e:db"), BpduTest.CONFIG_VALUES.encode());
        assertThat(Hex.of(frame)).isEqualTo(Hex.of(Captures.frame("PcapPlusPlus__EthDot3.pcap", 1)));
    }

    @Test
    void rstBpduFrameEqualsTheCiscoFrame() {
        byte[] frame = FrameEncoder.bpdu(MacAddress.parse("00:1f:6d:96:ec:04"), BpduTest.RST_VALUES.encode());
        assertThat(Hex.of(frame)).isEqualTo(Hex.of(Captures.frame("tcpdump__rpvstp-trunk-native-vid5.pcap", 4)));
    }

    @Test
    void tcnFrameIsPaddedToSixtyOctets() throws MalformedPduException {
        byte[] frame = FrameEncoder.bpdu(MacAddress.parse("02:00:00:00:00:01"), new TcnBpdu().encode());
        assertThat(Hex.of(frame)).isEqualTo("0180c2000000" + "020000000001" + "0007" + "424203" + "00000080"
                + "00".repeat(39));
        assertThat(FrameDecoder.decode(ByteBuffer.wrap(frame))).isEqualTo(FramedBpdu.ieee(new TcnBpdu()));
    }

    @Test
    void markerFrame() throws MalformedPduException {
        byte[] frame = FrameEncoder.marker(MacAddress.parse("02:00:00:00:00:02"), MarkerPduTest.REQUEST);
        assertThat(frame).hasSize(124);
        assertThat(Hex.of(frame)).isEqualTo("0180c2000002" + "020000000002" + "8809" + MarkerPduTest.GOLDEN_REQUEST);
        assertThat(FrameDecoder.decode(ByteBuffer.wrap(frame))).isEqualTo(MarkerPduTest.REQUEST);
    }

    @Test
    void shortSlowProtocolsPdusArePaddedAndLongOnesRefused() {
        byte[] frame = FrameEncoder.slowProtocols(MacAddress.parse("02:00:00:00:00:03"), new byte[] {10, 1});
        assertThat(frame).hasSize(FrameEncoder.MIN_FRAME_LENGTH);
        assertThat(frame[14]).isEqualTo((byte) 10);
        assertThat(frame[16]).isZero();
        assertThatThrownBy(() -> FrameEncoder.slowProtocols(MacAddress.ZERO, new byte[115]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("128");
    }
}
