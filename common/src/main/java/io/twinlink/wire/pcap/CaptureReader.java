package io.twinlink.wire.pcap;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the packets of a pcap or pcapng file held in memory ({@code common} does no I/O: the
 * caller reads the file). The format is recognised by its first four octets.
 */
public sealed interface CaptureReader permits PcapReader, PcapngReader {

    /** Recognises the format and reads the file header. */
    static CaptureReader open(ByteBuffer file) throws MalformedCaptureException {
        ByteBuffer buf = file.slice().asReadOnlyBuffer();
        if (buf.remaining() < 4) {
            throw new MalformedCaptureException(0, "not a pcap or pcapng file: only " + buf.remaining() + " octets");
        }
        int magic = buf.getInt(0);
        if (PcapReader.recognises(magic)) {
            return new PcapReader(buf);
        }
        if (magic == PcapngReader.SECTION_HEADER_BLOCK) {
            return new PcapngReader(buf);
        }
        throw new MalformedCaptureException(0, String.format("not a pcap or pcapng file (magic 0x%08x)", magic));
    }

    static CaptureReader open(byte[] file) throws MalformedCaptureException {
        return open(ByteBuffer.wrap(file));
    }

    /** Every packet, in file order. */
    static List<CapturedPacket> readAll(byte[] file) throws MalformedCaptureException {
        CaptureReader reader = open(file);
        List<CapturedPacket> out = new ArrayList<>();
        for (CapturedPacket p = reader.next(); p != null; p = reader.next()) {
            out.add(p);
        }
        return out;
    }

    /** The next packet, or {@code null} at the end of the file. */
    CapturedPacket next() throws MalformedCaptureException;

    /** "pcap", "pcap (nanosecond)" or "pcapng", for messages. */
    String format();
}
