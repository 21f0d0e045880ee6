package io.twinlink.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.wire.FrameEncoder;
import io.twinlink.wire.LacpInfo;
import io.twinlink.wire.Lacpdu;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.pcap.CaptureReader;
import io.twinlink.wire.pcap.CapturedPacket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapFileCaptureTest {

    @Test
    void writesAPcapOurOwnReaderAndTimestampsReadBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/lacp.pcap");
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T10:00:00.123456Z"), ZoneOffset.UTC);
        byte[] frame = FrameEncoder.lacpdu(MacAddress.parse("02:00:00:00:00:01"),
                new Lacpdu(LacpInfo.NULL, LacpInfo.NULL, 0));
        try (PcapFileCapture capture = PcapFileCapture.open(file, clock)) {
            capture.record("eth1", CaptureSink.Direction.TX, frame);
            capture.record("eth1", CaptureSink.Direction.RX, frame);
            assertThat(capture.frames()).isEqualTo(2);
        }
        List<CapturedPacket> packets = CaptureReader.readAll(Files.readAllBytes(file));
        assertThat(packets).hasSize(2);
        assertThat(packets.get(0).data()).isEqualTo(ByteBuffer.wrap(frame));
        assertThat(packets.get(1).timestampNanos()).isEqualTo(Instant.parse("2026-11-27T10:00:00.123456Z")
                .getEpochSecond() * 1_000_000_000L + 123_456_000L);
    }

    @Test
    void aFullDiskStopsTheCaptureNeverTheCaller() throws Exception {
        Path full = Path.of("/dev/full"); // every write fails with ENOSPC, as on a full disk
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(full), "/dev/full is not available here");
        byte[] frame = FrameEncoder.lacpdu(MacAddress.parse("02:00:00:00:00:01"), new Lacpdu(LacpInfo.NULL, LacpInfo.NULL, 0));
        try (PcapFileCapture capture = PcapFileCapture.open(full, Clock.systemUTC())) {
            for (int i = 0; i < 1000; i++) {
                capture.record("eth1", CaptureSink.Direction.RX, frame); // nothing thrown, nothing retried
            }
            assertThat(capture.frames()).isZero();
        }
    }

    @Test
    void aWriteFailureMidwayKeepsWhatWasWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lacp.pcap");
        byte[] frame = FrameEncoder.lacpdu(MacAddress.parse("02:00:00:00:00:01"), new Lacpdu(LacpInfo.NULL, LacpInfo.NULL, 0));
        try (PcapFileCapture capture = PcapFileCapture.open(file, Clock.systemUTC())) {
            capture.record("eth1", CaptureSink.Direction.RX, frame);
            // the file system goes away under the capture (a directory in its place makes writes fail)
            Files.delete(file);
            Files.createDirectory(file);
            capture.record("eth1", CaptureSink.Direction.RX, frame);
            capture.record("eth1", CaptureSink.Direction.RX, frame);
            assertThat(capture.frames()).isBetween(1L, 3L); // the open handle may still accept writes: never an exception
        }
    }
}
