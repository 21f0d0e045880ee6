package io.twinlink.wire.bench;

import io.twinlink.wire.BpduFlags;
import io.twinlink.wire.BpduPortRole;
import io.twinlink.wire.BpduTimes;
import io.twinlink.wire.BridgeId;
import io.twinlink.wire.FrameDecoder;
import io.twinlink.wire.FrameEncoder;
import io.twinlink.wire.FramePdu;
import io.twinlink.wire.LacpInfo;
import io.twinlink.wire.LacpPortState;
import io.twinlink.wire.Lacpdu;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.MalformedPduException;
import io.twinlink.wire.PortId;
import io.twinlink.wire.RstBpdu;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Codec throughput on one thread (DESIGN.md target: at least 1 M LACPDU decodes per second per
 * core). "pdu" benchmarks work on the PDU alone, "frame" ones on a whole Ethernet frame through
 * {@link FrameDecoder} / {@link FrameEncoder}, which is what the receive and transmit paths do.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CodecBenchmark {

    private static final MacAddress SOURCE = MacAddress.parse("02:00:00:00:00:01");

    private Lacpdu lacpdu;
    private RstBpdu rst;
    private ByteBuffer lacpduBytes;
    private ByteBuffer lacpFrame;
    private ByteBuffer rstFrame;

    @Setup
    public void setUp() {
        lacpdu = new Lacpdu(
                new LacpInfo(32768, SOURCE, 10, 255, 1, LacpPortState.of(0x3d)),
                new LacpInfo(32768, MacAddress.parse("02:00:00:00:00:aa"), 10, 255, 0x8001, LacpPortState.of(0x3f)),
                0);
        BridgeId bridge = BridgeId.of(32768, SOURCE);
        rst = new RstBpdu(BpduFlags.of(false, true, BpduPortRole.DESIGNATED, true, true, false, false), bridge, 0,
                bridge, new PortId(128, 1), BpduTimes.DEFAULTS);
        lacpduBytes = ByteBuffer.wrap(lacpdu.encode());
        lacpFrame = ByteBuffer.wrap(FrameEncoder.lacpdu(SOURCE, lacpdu));
        rstFrame = ByteBuffer.wrap(FrameEncoder.bpdu(SOURCE, rst.encode()));
    }

    @Benchmark
    public Lacpdu lacpduPduDecode() throws MalformedPduException {
        return Lacpdu.decode(lacpduBytes);
    }

    @Benchmark
    public FramePdu lacpduFrameDecode() throws MalformedPduException {
        return FrameDecoder.decode(lacpFrame);
    }

    @Benchmark
    public byte[] lacpduPduEncode() {
        return lacpdu.encode();
    }

    @Benchmark
    public byte[] lacpduFrameEncode() {
        return FrameEncoder.lacpdu(SOURCE, lacpdu);
    }

    @Benchmark
    public FramePdu rstBpduFrameDecode() throws MalformedPduException {
        return FrameDecoder.decode(rstFrame);
    }

    @Benchmark
    public byte[] rstBpduFrameEncode() {
        return FrameEncoder.bpdu(SOURCE, rst.encode());
    }
}
