package io.twinlink.wire.pcap;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The pcapng format [draft-ietf-opsawg-pcapng]: a file is one or more sections, each opened by
 * a Section Header Block that fixes the byte order; Interface Description Blocks give each
 * interface its link type and timestamp resolution; packets come in Enhanced, Simple or
 * (obsolete) Packet Blocks. Every other block is skipped by its length.
 *
 * <pre>
 * Every block:  0..3 type   4..7 total length (multiple of 4)   ...body...   total length again
 * SHB 0x0a0d0d0a: 8..11 byte-order magic 0x1a2b3c4d, 12..13 major (1), 14..15 minor, 16..23 section length
 * IDB 0x00000001: 8..9 link type, 10..11 reserved, 12..15 snap length, 16.. options
 *                 (if_tsresol = 9: 1 octet; if_tsoffset = 14: 8 octets)
 * EPB 0x00000006: 8..11 interface, 12..15 timestamp high, 16..19 low, 20..23 captured length,
 *                 24..27 original length, 28.. data (padded to 4), options
 * SPB 0x00000003: 8..11 original length, 12.. data (interface 0; captured = min(original, snap, room))
 * PB  0x00000002: 8..9 interface, 10..11 drops, 12..15 ts high, 16..19 ts low, 20..23 captured,
 *                 24..27 original, 28.. data
 * </pre>
 */
final class PcapngReader implements CaptureReader {

    static final int SECTION_HEADER_BLOCK = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION_BLOCK = 1;
    static final int PACKET_BLOCK = 2;
    static final int SIMPLE_PACKET_BLOCK = 3;
    static final int ENHANCED_PACKET_BLOCK = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int SUPPORTED_MAJOR_VERSION = 1;

    private static final int MIN_BLOCK_LENGTH = 12;
    private static final int SHB_BYTE_ORDER = 8;
    private static final int SHB_MAJOR = 12;
    private static final int SHB_MIN_LENGTH = 28;
    private static final int IDB_LINK_TYPE = 8;
    private static final int IDB_SNAP_LENGTH = 12;
    private static final int IDB_OPTIONS = 16;
    private static final int OPTION_END = 0;
    private static final int OPTION_TSRESOL = 9;
    private static final int OPTION_TSOFFSET = 14;
    private static final int PACKET_HEADER = 28;
    private static final int SPB_DATA = 12;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** An IDB's facts that packets need. */
    private record Interface(int linkType, long snapLength, long unitsPerSecond, long offsetSeconds) {
    }

    private final ByteBuffer buf;
    private final List<Interface> interfaces = new ArrayList<>();
    private int at;
    private int number;

    PcapngReader(ByteBuffer file) throws MalformedCaptureException {
        this.buf = file;
        if (file.limit() < SHB_MIN_LENGTH) {
            throw new MalformedCaptureException(0, "truncated pcapng section header: " + file.limit() + " octets");
        }
        sectionHeader(0); // validates and sets the byte order; next() reads it again harmlessly
    }

    @Override
    public CapturedPacket next() throws MalformedCaptureException {
        while (at < buf.limit()) {
            int blockAt = at;
            if (buf.limit() - blockAt < MIN_BLOCK_LENGTH) {
                throw new MalformedCaptureException(blockAt, "truncated pcapng block header");
            }
            int type = buf.getInt(blockAt);
            if (type == SECTION_HEADER_BLOCK) {
                sectionHeader(blockAt); // may switch the byte order before the length is read
            }
            int length = blockLength(blockAt);
            at = blockAt + length;
            switch (type) {
                case SECTION_HEADER_BLOCK -> interfaces.clear();
                case INTERFACE_DESCRIPTION_BLOCK -> interfaces.add(interfaceDescription(blockAt, length));
                case ENHANCED_PACKET_BLOCK -> {
                    return packet(blockAt, length, buf.getInt(blockAt + 8), "Enhanced Packet Block");
                }
                case PACKET_BLOCK -> {
                    return packet(blockAt, length, Short.toUnsignedInt(buf.getShort(blockAt + 8)), "Packet Block");
                }
                case SIMPLE_PACKET_BLOCK -> {
                    return simplePacket(blockAt, length);
                }
                default -> {
                    // Name resolution, statistics, decryption secrets, custom blocks: not ours to read.
                }
            }
        }
        return null;
    }

    @Override
    public String format() {
        return "pcapng";
    }

    private void sectionHeader(int blockAt) throws MalformedCaptureException {
        if (buf.limit() - blockAt < SHB_MIN_LENGTH) {
            throw new MalformedCaptureException(blockAt, "truncated pcapng section header");
        }
        int magic = buf.order(ByteOrder.BIG_ENDIAN).getInt(blockAt + SHB_BYTE_ORDER);
        if (magic == BYTE_ORDER_MAGIC) {
            buf.order(ByteOrder.BIG_ENDIAN);
        } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            buf.order(ByteOrder.LITTLE_ENDIAN);
        } else {
            throw new MalformedCaptureException(blockAt + SHB_BYTE_ORDER,
                    String.format("pcapng section header has no byte-order magic (0x%08x)", magic));
        }
        int major = Short.toUnsignedInt(buf.getShort(blockAt + SHB_MAJOR));
        if (major != SUPPORTED_MAJOR_VERSION) {
            throw new MalformedCaptureException(blockAt + SHB_MAJOR, "unsupported pcapng version " + major);
        }
    }

    private int blockLength(int blockAt) throws MalformedCaptureException {
        long length = Integer.toUnsignedLong(buf.getInt(blockAt + 4));
        if (length < MIN_BLOCK_LENGTH || length % 4 != 0) {
            throw new MalformedCaptureException(blockAt + 4, "impossible pcapng block length " + length);
        }
        if (length > buf.limit() - blockAt) {
            throw new MalformedCaptureException(blockAt + 4, "pcapng block of " + length + " octets but only "
                    + (buf.limit() - blockAt) + " remain");
        }
        int trailer = buf.getInt(blockAt + (int) length - 4);
        if (Integer.toUnsignedLong(trailer) != length) {
            throw new MalformedCaptureException(blockAt + length - 4, "pcapng block lengths disagree: " + length
                    + " and " + Integer.toUnsignedLong(trailer));
        }
        return (int) length;
    }

    private Interface interfaceDescription(int blockAt, int length) throws MalformedCaptureException {
        if (length < IDB_OPTIONS + 4) {
            throw new MalformedCaptureException(blockAt, "truncated Interface Description Block");
        }
        int linkType = Short.toUnsignedInt(buf.getShort(blockAt + IDB_LINK_TYPE));
        long snap = Integer.toUnsignedLong(buf.getInt(blockAt + IDB_SNAP_LENGTH));
        long unitsPerSecond = 1_000_000L; // default resolution: microseconds
        long offsetSeconds = 0;
        int end = blockAt + length - 4;
        int opt = blockAt + IDB_OPTIONS;
        while (opt + 4 <= end) {
            int code = Short.toUnsignedInt(buf.getShort(opt));
            int optLength = Short.toUnsignedInt(buf.getShort(opt + 2));
            if (code == OPTION_END) {
                break;
            }
            if (opt + 4 + optLength > end) {
                throw new MalformedCaptureException(opt + 2, "pcapng option " + code + " runs past its block");
            }
            if (code == OPTION_TSRESOL && optLength >= 1) {
                unitsPerSecond = unitsPerSecond(buf.get(opt + 4) & 0xFF, opt + 4);
            } else if (code == OPTION_TSOFFSET && optLength >= 8) {
                offsetSeconds = buf.getLong(opt + 4);
            }
            opt += 4 + ((optLength + 3) & ~3);
        }
        return new Interface(linkType, snap, unitsPerSecond, offsetSeconds);
    }

    /** if_tsresol: high bit clear = 10^-n s, set = 2^-n s. */
    private static long unitsPerSecond(int resolution, int offset) throws MalformedCaptureException {
        int exponent = resolution & 0x7F;
        if ((resolution & 0x80) != 0) {
            if (exponent > 62) {
                throw new MalformedCaptureException(offset, "unsupported timestamp resolution 2^-" + exponent);
            }
            return 1L << exponent;
        }
        if (exponent > 18) {
            throw new MalformedCaptureException(offset, "unsupported timestamp resolution 10^-" + exponent);
        }
        long units = 1;
        for (int i = 0; i < exponent; i++) {
            units *= 10;
        }
        return units;
    }

    private Interface iface(long id, int offset) throws MalformedCaptureException {
        if (id < 0 || id >= interfaces.size()) {
            throw new MalformedCaptureException(offset, "packet " + (number + 1) + " names interface " + id
                    + " but the section described " + interfaces.size());
        }
        return interfaces.get((int) id);
    }

    private CapturedPacket packet(int blockAt, int length, long interfaceId, String what)
            throws MalformedCaptureException {
        if (length < PACKET_HEADER + 4) {
            throw new MalformedCaptureException(blockAt, "truncated " + what);
        }
        Interface iface = iface(Integer.toUnsignedLong((int) interfaceId), blockAt + 8);
        long ticks = (Integer.toUnsignedLong(buf.getInt(blockAt + 12)) << 32)
                | Integer.toUnsignedLong(buf.getInt(blockAt + 16));
        long captured = Integer.toUnsignedLong(buf.getInt(blockAt + 20));
        long original = Integer.toUnsignedLong(buf.getInt(blockAt + 24));
        if (captured > length - PACKET_HEADER - 4) {
            throw new MalformedCaptureException(blockAt + 20, what + " claims " + captured
                    + " captured octets in a block of " + length);
        }
        return emit(iface, (int) interfaceId, timestampNanos(iface, ticks), original, blockAt + PACKET_HEADER,
                (int) captured);
    }

    private CapturedPacket simplePacket(int blockAt, int length) throws MalformedCaptureException {
        if (length < SPB_DATA + 4) {
            throw new MalformedCaptureException(blockAt, "truncated Simple Packet Block");
        }
        Interface iface = iface(0, blockAt);
        long original = Integer.toUnsignedLong(buf.getInt(blockAt + 8));
        long room = length - SPB_DATA - 4L;
        long captured = Math.min(original, room);
        if (iface.snapLength() != 0) {
            captured = Math.min(captured, iface.snapLength());
        }
        // A Simple Packet Block has no timestamp.
        return emit(iface, 0, 0, original, blockAt + SPB_DATA, (int) captured);
    }

    private CapturedPacket emit(Interface iface, int interfaceId, long nanos, long original, int dataAt, int captured) {
        number++;
        ByteBuffer data = buf.slice(dataAt, captured).order(ByteOrder.BIG_ENDIAN);
        return new CapturedPacket(number, nanos, iface.linkType(), interfaceId,
                (int) Math.min(original, Integer.MAX_VALUE), data);
    }

    private static long timestampNanos(Interface iface, long ticks) {
        long units = iface.unitsPerSecond();
        long seconds = Long.divideUnsigned(ticks, units) + iface.offsetSeconds();
        long fraction = Long.remainderUnsigned(ticks, units);
        long fractionNanos;
        if (NANOS_PER_SECOND % units == 0) {
            fractionNanos = fraction * (NANOS_PER_SECOND / units);
        } else {
            // Finer than a nanosecond or a binary resolution: exact arithmetic, then truncate.
            fractionNanos = BigInteger.valueOf(fraction).multiply(BigInteger.valueOf(NANOS_PER_SECOND))
                    .divide(BigInteger.valueOf(units)).longValueExact();
        }
        return seconds * NANOS_PER_SECOND + fractionNanos;
    }
}
