package io.twinlink.agent.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Builds one netlink request in the host's byte order, the way the kernel expects it.
 *
 * <pre>
 *  0               4       6       8               12              16
 * +---------------+-------+-------+---------------+---------------+
 * | nlmsg_len     | type  | flags | seq           | pid (0)       |  nlmsghdr
 * +---------------+-------+-------+---------------+---------------+
 * | fixed family header (ifinfomsg: 16 octets)                     |
 * +-------+-------+-----------------------------------------------+
 * | len   | type  | payload, zero-padded to a multiple of 4 ...    |  attributes
 * +-------+-------+-----------------------------------------------+
 * </pre>
 *
 * Nested attributes ({@link #begin}/{@link #end}) carry no NLA_F_NESTED flag, like iproute2:
 * the link attributes are parsed leniently by every kernel that has them.
 */
public final class NetlinkMessageWriter {

    private ByteBuffer buf;
    private final Deque<Integer> open = new ArrayDeque<>();

    public NetlinkMessageWriter(int type, int flags) {
        buf = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
        buf.putInt(0);                 // length, patched in build()
        buf.putShort((short) type);
        buf.putShort((short) flags);
        buf.putInt(0);                 // sequence number, patched in build()
        buf.putInt(0);                 // destination port id: the kernel
    }

    /** The {@code ifinfomsg} header of the link messages. */
    public NetlinkMessageWriter ifinfo(int family, int ifindex, int flags, int change) {
        room(Rtnetlink.IFINFOMSG_LEN);
        buf.put((byte) family).put((byte) 0).putShort((short) 0);
        buf.putInt(ifindex).putInt(flags).putInt(change);
        return this;
    }

    /**
     * The {@code tcmsg} header of traffic-control messages: family, three pad octets, ifindex,
     * handle, parent, and info (priority in the high half, EtherType in network order low).
     */
    public NetlinkMessageWriter tcmsg(int ifindex, int handle, int parent, int info) {
        room(Rtnetlink.TCMSG_LEN);
        buf.put((byte) Rtnetlink.AF_UNSPEC).put((byte) 0).putShort((short) 0);
        buf.putInt(ifindex).putInt(handle).putInt(parent).putInt(info);
        return this;
    }

    public NetlinkMessageWriter attribute(int type, byte[] payload) {
        int len = Rtnetlink.NLA_HDRLEN + payload.length;
        room(Rtnetlink.align4(len));
        buf.putShort((short) len).putShort((short) type).put(payload);
        pad();
        return this;
    }

    public NetlinkMessageWriter u8(int type, int value) {
        return attribute(type, new byte[] {(byte) value});
    }

    public NetlinkMessageWriter u32(int type, int value) {
        return attribute(type, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    /** A C string: the kernel wants the terminating NUL for names (IFLA_IFNAME). */
    public NetlinkMessageWriter string(int type, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        return attribute(type, Arrays.copyOf(text, text.length + 1));
    }

    /** Opens a nested attribute; everything until the matching {@link #end} goes inside. */
    public NetlinkMessageWriter begin(int type) {
        room(Rtnetlink.NLA_HDRLEN);
        open.push(buf.position());
        buf.putShort((short) 0).putShort((short) type);
        return this;
    }

    /** Like {@link #begin}, with NLA_F_NESTED set, for the parsers that insist on it (tc actions). */
    public NetlinkMessageWriter beginNested(int type) {
        return begin(type | Rtnetlink.NLA_F_NESTED);
    }

    public NetlinkMessageWriter end() {
        int start = open.pop();
        buf.putShort(start, (short) (buf.position() - start));
        return this;
    }

    /** The finished message with its sequence number; the writer may not be used again. */
    public byte[] build(int sequence) {
        if (!open.isEmpty()) {
            throw new IllegalStateException("nested attribute left open");
        }
        buf.putInt(0, buf.position());
        buf.putInt(8, sequence);
        return Arrays.copyOf(buf.array(), buf.position());
    }

    private void pad() {
        while ((buf.position() & 3) != 0) {
            buf.put((byte) 0);
        }
    }

    private void room(int extra) {
        if (buf.remaining() < extra) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + extra))
                    .order(ByteOrder.nativeOrder());
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }
}
