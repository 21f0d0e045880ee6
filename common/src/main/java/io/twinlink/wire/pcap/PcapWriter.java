package io.twinlink.wire.pcap;

import io.twinlink.wire.LinkType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Produces the octets of a classic pcap file (see {@link PcapReader} for the layout): one file
 * header, then one record per frame. Writing them somewhere is the caller's business, so the
 * agent can append records to a file as frames come and go. Big-endian, microsecond or
 * nanosecond timestamps, any link type (Ethernet by default).
 */
public final class PcapWriter {

    public static final int DEFAULT_SNAP_LENGTH = 262_144;

    private final int linkType;
    private final int snapLength;
    private final boolean nanoseconds;

    public PcapWriter(int linkType, int snapLength, boolean nanoseconds) {
        if (linkType < 0 || linkType > 0xFFFF || snapLength <= 0) {
            throw new IllegalArgumentException("link type must be 16 bits and snap length positive");
        }
        this.linkType = linkType;
        this.snapLength = snapLength;
        this.nanoseconds = nanoseconds;
    }

    /** Ethernet frames, microsecond timestamps: what every tool reads. */
    public static PcapWriter ethernet() {
        return new PcapWriter(LinkType.ETHERNET, DEFAULT_SNAP_LENGTH, false);
    }

    public byte[] fileHeader() {
        ByteBuffer b = ByteBuffer.allocate(PcapReader.FILE_HEADER_LENGTH).order(ByteOrder.BIG_ENDIAN);
        b.putInt(nanoseconds ? PcapReader.MAGIC_NANOSECONDS : PcapReader.MAGIC_MICROSECONDS);
        b.putShort((short) PcapReader.SUPPORTED_MAJOR_VERSION).putShort((short) 4);
        b.putInt(0).putInt(0); // thiszone, sigfigs: always 0
        b.putInt(snapLength).putInt(linkType);
        return b.array();
    }

    /** One record: the frame cut to the snap length, its original length kept. */
    public byte[] record(long timestampNanos, byte[] frame) {
        return record(timestampNanos, frame, 0, frame.length);
    }

    public byte[] record(long timestampNanos, byte[] frame, int offset, int length) {
        if (timestampNanos < 0) {
            throw new IllegalArgumentException("timestamps before 1970 cannot be written: " + timestampNanos);
        }
        int captured = Math.min(length, snapLength);
        ByteBuffer b = ByteBuffer.allocate(PcapReader.RECORD_HEADER_LENGTH + captured).order(ByteOrder.BIG_ENDIAN);
        long seconds = timestampNanos / 1_000_000_000L;
        long nanos = timestampNanos % 1_000_000_000L;
        b.putInt((int) seconds).putInt((int) (nanoseconds ? nanos : nanos / 1_000L));
        b.putInt(captured).putInt(length);
        b.put(frame, offset, captured);
        return b.array();
    }
}
