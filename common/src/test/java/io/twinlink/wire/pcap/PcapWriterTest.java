package io.twinlink.wire.pcap;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.wire.Captures;
import io.twinlink.wire.Hex;
import io.twinlink.wire.LinkType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcapWriterTest {

    private static final byte[] FRAME = Captures.frame("tcpdump__LACP.pcap", 1);

    @Test
    void fileHeaderAndRecordBytes() {
        PcapWriter w = PcapWriter.ethernet();
        assertThat(Hex.of(w.fileHeader())).isEqualTo("a1b2c3d4" + "0002" + "0004" + "00000000" + "00000000"
                + "00040000" + "00000001");
        byte[] record = w.record(1_258_257_730_267_147_999L, FRAME);
        assertThat(Hex.of(record).substring(0, 32)).isEqualTo("4aff7d42" + "0004138b" + "0000007c" + "0000007c");
        assertThat(record).hasSize(16 + 124);
    }

    @Test
    void whatItWritesReadsBack() throws MalformedCaptureException {
        for (boolean nanos : new boolean[] {false, true}) {
            PcapWriter w = new PcapWriter(LinkType.ETHERNET, 64, nanos);
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            file.writeBytes(w.fileHeader());
            file.writeBytes(w.record(1_000_000_123_456_789L, FRAME));
            file.writeBytes(w.record(2_000_000_000_000_000L, FRAME, 0, 60));
            List<CapturedPacket> p = CaptureReader.readAll(file.toByteArray());
            assertThat(p).hasSize(2);
            assertThat(p.get(0).timestampNanos()).isEqualTo(nanos ? 1_000_000_123_456_789L : 1_000_000_123_456_000L);
            assertThat(p.get(0).capturedLength()).isEqualTo(64);
            assertThat(p.get(0).originalLength()).isEqualTo(124);
            assertThat(p.get(0).data()).isEqualTo(ByteBuffer.wrap(FRAME, 0, 64));
            assertThat(p.get(1).capturedLength()).isEqualTo(60);
            assertThat(p.get(1).truncated()).isFalse();
        }
    }
}
