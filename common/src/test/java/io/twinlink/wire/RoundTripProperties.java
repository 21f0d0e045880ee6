package io.twinlink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** encode -> decode gives the value back, alone and inside an Ethernet frame; decode -> encode gives the bytes back. */
class RoundTripProperties {

    @Property
    void lacpdu(@ForAll("lacpdus") Lacpdu pdu, @ForAll("macs") MacAddress source) throws MalformedPduException {
        byte[] bytes = pdu.encode();
        assertThat(Lacpdu.decode(ByteBuffer.wrap(bytes))).isEqualTo(pdu);
        assertThat(Lacpdu.decode(ByteBuffer.wrap(bytes)).encode()).isEqualTo(bytes);
        assertThat(FrameDecoder.decode(ByteBuffer.wrap(FrameEncoder.lacpdu(source, pdu)))).isEqualTo(pdu);
    }

    @Property
    void marker(@ForAll("markers") MarkerPdu pdu, @ForAll("macs") MacAddress source) throws MalformedPduException {
        assertThat(MarkerPdu.decode(ByteBuffer.wrap(pdu.encode()))).isEqualTo(pdu);
        assertThat(FrameDecoder.decode(ByteBuffer.wrap(FrameEncoder.marker(source, pdu)))).isEqualTo(pdu);
    }

    @Property
    void configBpdu(@ForAll("configBpdus") ConfigBpdu bpdu, @ForAll("macs") MacAddress source)
            throws MalformedPduException {
        byte[] bytes = bpdu.encode();
        assertThat(Bpdu.decode(ByteBuffer.wrap(bytes))).isEqualTo(bpdu);
        assertThat(((ConfigBpdu) Bpdu.decode(ByteBuffer.wrap(bytes))).encode()).isEqualTo(bytes);
        assertThat(FrameDecoder.decode(ByteBuffer.wrap(FrameEncoder.bpdu(source, bytes))))
                .isEqualTo(FramedBpdu.ieee(bpdu));
    }

    @Property
    void tcnBpdu(@ForAll("macs") MacAddress source) throws MalformedPduException {
        TcnBpdu tcn = new TcnBpdu();
        assertThat(FrameDecoder.decode(ByteBuffer.wrap(FrameEncoder.bpdu(source, tcn.encode()))))
                .isEqualTo(FramedBpdu.ieee(tcn));
    }

    @Property
    void rstBpdu(@ForAll("rstBpdus") RstBpdu bpdu, @ForAll("macs") MacAddress source) throws MalformedPduException {
        byte[] bytes = bpdu.encode();
        assertThat(Bpdu.decode(ByteBuffer.wrap(bytes))).isEqualTo(bpdu);
        assertThat(((RstBpdu) Bpdu.decode(ByteBuffer.wrap(bytes))).encode()).isEqualTo(bytes);
        assertThat(FrameDecoder.decode(ByteBuffer.wrap(FrameEncoder.bpdu(source, bytes))))
                .isEqualTo(FramedBpdu.ieee(bpdu));
    }

    @Property
    void bridgeIdValue(@ForAll("bridgeIds") BridgeId a, @ForAll("bridgeIds") BridgeId b) {
        assertThat(BridgeId.of(a.value())).isEqualTo(a);
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(Long.compareUnsigned(a.value(), b.value())));
    }

    @Provide Arbitrary<Lacpdu> lacpdus() { return WireArbitraries.lacpdus(); }
    @Provide Arbitrary<MarkerPdu> markers() { return WireArbitraries.markers(); }
    @Provide Arbitrary<ConfigBpdu> configBpdus() { return WireArbitraries.configBpdus(); }
    @Provide Arbitrary<RstBpdu> rstBpdus() { return WireArbitraries.rstBpdus(); }
    @Provide Arbitrary<BridgeId> bridgeIds() { return WireArbitraries.bridgeIds(); }
    @Provide Arbitrary<MacAddress> macs() { return WireArbitraries.macs(); }
}
