package io.twinlink.wire.pcap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds pcapng files block by block for the reader's tests, in either byte order. */
final class PcapngBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    PcapngBuilder section(ByteOrder byteOrder) {
        order = byteOrder;
        ByteBuffer body = body(16);
        body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
        return block(0x0A0D0D0A, body);
    }

    /** An IDB; {@code tsresol} and {@code tsoffset} are omitted when negative / zero. */
    PcapngBuilder iface(int linkType, int snapLength, int tsresol, long tsoffset) {
        ByteBuffer body = body(8 + 8 + 16 + 4);
        body.putShort((short) linkType).putShort((short) 0).putInt(snapLength);
        if (tsresol >= 0) {
            body.putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]);
        }
        if (tsoffset != 0) {
            body.putShort((short) 14).putShort((short) 8).putLong(tsoffset);
        }
        body.putShort((short) 0).putShort((short) 0);
        return block(1, body);
    }

    PcapngBuilder enhanced(int iface, long ticks, byte[] data, int originalLength) {
        ByteBuffer body = body(20 + padded(data.length));
        body.putInt(iface).putInt((int) (ticks >>> 32)).putInt((int) ticks).putInt(data.length).putInt(originalLength);
        body.put(data).position(20 + padded(data.length));
        return block(6, body);
    }

    PcapngBuilder obsoletePacket(int iface, long ticks, byte[] data) {
        ByteBuffer body = body(20 + padded(data.length));
        body.putShort((short) iface).putShort((short) 0).putInt((int) (ticks >>> 32)).putInt((int) ticks)
                .putInt(data.length).putInt(data.length);
        body.put(data).position(20 + padded(data.length));
        return block(2, body);
    }

    PcapngBuilder simple(byte[] data) {
        ByteBuffer body = body(4 + padded(data.length));
        body.putInt(data.length).put(data).position(4 + padded(data.length));
        return block(3, body);
    }

    /** Any other block type (name resolution, statistics...), which the reader must skip. */
    PcapngBuilder other(int type, int bodyLength) {
        ByteBuffer body = body(bodyLength);
        body.position(bodyLength);
        return block(type, body);
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private ByteBuffer body(int capacity) {
        return ByteBuffer.allocate(capacity).order(order);
    }

    private PcapngBuilder block(int type, ByteBuffer body) {
        int bodyLength = body.position();
        ByteBuffer b = ByteBuffer.allocate(12 + bodyLength).order(order);
        b.putInt(type).putInt(12 + bodyLength).put(body.array(), 0, bodyLength).putInt(12 + bodyLength);
        out.writeBytes(b.array());
        return this;
    }

    private static int padded(int n) {
        return (n + 3) & ~3;
    }
}
