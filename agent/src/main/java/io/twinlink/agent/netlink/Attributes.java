package io.twinlink.agent.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Reads a run of netlink attributes ({@code rtattr}/{@code nlattr}) into type -> payload. */
public final class Attributes {

    private Attributes() {
    }

    /**
     * Parses the attributes of one level; a later attribute of the same type wins, as in the
     * kernel's own {@code nla_parse}. The payloads are views on the input, not copies.
     *
     * @throws NetlinkException when an attribute's length points outside the input
     */
    public static Map<Integer, ByteBuffer> parse(ByteBuffer region) throws NetlinkException {
        ByteBuffer in = region.slice().order(ByteOrder.nativeOrder());
        Map<Integer, ByteBuffer> out = new HashMap<>();
        int at = 0;
        while (in.limit() - at >= Rtnetlink.NLA_HDRLEN) {
            int len = in.getShort(at) & 0xFFFF;
            int type = in.getShort(at + 2) & Rtnetlink.NLA_TYPE_MASK;
            if (len < Rtnetlink.NLA_HDRLEN || len > in.limit() - at) {
                throw new NetlinkException("malformed netlink attribute type " + type + " at offset " + at
                        + ": length " + len + " with " + (in.limit() - at) + " octets left");
            }
            out.put(type, in.slice(at + Rtnetlink.NLA_HDRLEN, len - Rtnetlink.NLA_HDRLEN).order(ByteOrder.nativeOrder()));
            at += Rtnetlink.align4(len);
        }
        return out;
    }

    /** A C string attribute, up to its first NUL (or its end). */
    public static String string(ByteBuffer payload) {
        int n = 0;
        while (n < payload.limit() && payload.get(n) != 0) {
            n++;
        }
        byte[] text = new byte[n];
        payload.get(0, text);
        return new String(text, StandardCharsets.UTF_8);
    }

    public static int u8(ByteBuffer payload) throws NetlinkException {
        need(payload, 1);
        return payload.get(0) & 0xFF;
    }

    public static int u32(ByteBuffer payload) throws NetlinkException {
        need(payload, 4);
        return payload.getInt(0);
    }

    private static void need(ByteBuffer payload, int octets) throws NetlinkException {
        if (payload.limit() < octets) {
            throw new NetlinkException("netlink attribute of " + payload.limit() + " octets, expected " + octets);
        }
    }
}
