package io.twinlink.wire.pcap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The classic libpcap format [draft-ietf-opsawg-pcap], in either byte order, with microsecond
 * or nanosecond timestamps.
 *
 * <pre>
 * File header (24 octets)                    Record header (16 octets), then the data
 *  0..3   magic a1b2c3d4 (us) / a1b23c4d (ns)  0..3   timestamp seconds
 *  4..5   major version (2)                     4..7   microseconds or nanoseconds
 *  6..7   minor version (4)                     8..11  captured length
 *  8..15  (reserved: thiszone, sigfigs)         12..15 original length
 *  16..19 snap length
 *  20..23 link type (low 16 bits; FCS info above)
 * </pre>
 */
final class PcapReader implements CaptureReader {

    static final int MAGIC_MICROSECONDS = 0xA1B2C3D4;
    static final int MAGIC_NANOSECONDS = 0xA1B23C4D;
    static final int FILE_HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;
    static final int SUPPORTED_MAJOR_VERSION = 2;

    private static final int MAJOR_VERSION = 4;
    private static final int LINK_TYPE = 20;
    private static final int LINK_TYPE_MASK = 0xFFFF;

    private final ByteBuffer buf;
    private final boolean nanoseconds;
    private final int linkType;
    private int at = FILE_HEADER_LENGTH;
    private int number;

    PcapReader(ByteBuffer file) throws MalformedCaptureException {
        int magic = file.order(ByteOrder.BIG_ENDIAN).getInt(0);
        ByteOrder order = (magic == MAGIC_MICROSECONDS || magic == MAGIC_NANOSECONDS)
                ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        this.buf = file.order(order);
        int nativeMagic = buf.getInt(0);
        this.nanoseconds = nativeMagic == MAGIC_NANOSECONDS;
        if (buf.limit() < FILE_HEADER_LENGTH) {
            throw new MalformedCaptureException(0, "truncated pcap file header: " + buf.limit() + " of 24 octets");
        }
        int major = Short.toUnsignedInt(buf.getShort(MAJOR_VERSION));
        if (major != SUPPORTED_MAJOR_VERSION) {
            throw new MalformedCaptureException(MAJOR_VERSION, "unsupported pcap version " + major);
        }
        this.linkType = buf.getInt(LINK_TYPE) & LINK_TYPE_MASK;
    }

    static boolean recognises(int magicBigEndian) {
        return magicBigEndian == MAGIC_MICROSECONDS || magicBigEndian == MAGIC_NANOSECONDS
                || magicBigEndian == Integer.reverseBytes(MAGIC_MICROSECONDS)
                || magicBigEndian == Integer.reverseBytes(MAGIC_NANOSECONDS);
    }

    @Override
    public CapturedPacket next() throws MalformedCaptureException {
        int left = buf.limit() - at;
        if (left == 0) {
            return null;
        }
        if (left < RECORD_HEADER_LENGTH) {
            throw new MalformedCaptureException(at, "truncated record header of packet " + (number + 1)
                    + ": " + left + " of 16 octets");
        }
        long seconds = Integer.toUnsignedLong(buf.getInt(at));
        long fraction = Integer.toUnsignedLong(buf.getInt(at + 4));
        long captured = Integer.toUnsignedLong(buf.getInt(at + 8));
        long original = Integer.toUnsignedLong(buf.getInt(at + 12));
        if (captured > left - RECORD_HEADER_LENGTH) {
            throw new MalformedCaptureException(at + 8, "packet " + (number + 1) + " claims " + captured
                    + " captured octets but only " + (left - RECORD_HEADER_LENGTH) + " remain");
        }
        int dataAt = at + RECORD_HEADER_LENGTH;
        at = dataAt + (int) captured;
        number++;
        long nanos = seconds * 1_000_000_000L + (nanoseconds ? fraction : fraction * 1_000L);
        ByteBuffer data = buf.slice(dataAt, (int) captured).order(ByteOrder.BIG_ENDIAN);
        return new CapturedPacket(number, nanos, linkType, 0, (int) Math.min(original, Integer.MAX_VALUE), data);
    }

    @Override
    public String format() {
        return nanoseconds ? "pcap (nanosecond)" : "pcap";
    }
}
