package io.twinlink.agent.daemon;

import io.twinlink.wire.pcap.PcapWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every protocol frame the agent sends or receives to a classic pcap file (Ethernet
 * link type) that Wireshark and tshark open as it grows: each record is flushed at once, so
 * the file is useful while the agent runs and complete if it is killed. A write failure (disk
 * full) is logged once and capture stops; the protocols carry on.
 */
public final class PcapFileCapture implements CaptureSink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PcapFileCapture.class);

    private final PcapWriter writer = PcapWriter.ethernet();
    private final Clock wallClock;
    private final Path path;
    private OutputStream out;
    private long frames;

    private PcapFileCapture(Path path, OutputStream out, Clock wallClock) {
        this.path = path;
        this.out = out;
        this.wallClock = wallClock;
    }

    /** Creates (or truncates) the file and writes the pcap header. */
    public static PcapFileCapture open(Path path, Clock wallClock) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        PcapFileCapture capture = new PcapFileCapture(path, out, wallClock);
        capture.write(capture.writer.fileHeader());
        return capture;
    }

    @Override
    public void record(String port, Direction direction, byte[] frame) {
        if (out == null) {
            return;
        }
        Instant now = wallClock.instant();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        write(writer.record(nanos, frame));
        frames++;
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            LOG.warn("capture to {} stopped: {}", path, e.getMessage());
            closeQuietly();
        }
    }

    public long frames() {
        return frames;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing more can be done for a capture file
            }
            out = null;
        }
    }
}
