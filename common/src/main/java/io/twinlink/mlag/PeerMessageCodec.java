package io.twinlink.mlag;

import io.twinlink.wire.MacAddress;
import io.twinlink.wire.MalformedPduException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The peer-link message format. Every message is a 4-octet header and a body; the transport
 * (length-prefixed, authenticated frames) delivers exactly one message per frame, so the
 * header's length must match the bytes received. All integers are big-endian.
 *
 * <pre>
 *  header:     0  version (1)    1  type    2..3  body length L    4..4+L-1  body
 *
 *  type 1 hello (22 + 8N):
 *     0..1  domain ID           2..3  system priority     4..9   system MAC (shared)
 *    10..11 node priority      12..17 node MAC            18     STP mode (0 off, 1 stp, 2 rstp)
 *    19     flags (bit 0: the sender numbers its ports from 0x8000)   20..21 N bundles
 *    22..   N x { 0..1 mlag-id  2..3 key  4..5 member count  6 flags (bit 0 fast rate)  7 reserved }
 *  type 2 heartbeat (14):
 *     0..3  seq                 4  role (0 none, 1 primary, 2 secondary, 3 standalone)
 *     5     reserved            6..13 uptime in milliseconds
 *  type 3 bundle state (4):
 *     0..1  mlag-id             2  flags (bit 0 local up, bit 1 protodown)   3 reserved
 *  type 4 MAC sync (4 + 10(A+R)):
 *     0..1  A added             2..3  R removed
 *     4..   A + R x { 0..5 MAC  6..7 VLAN  8..9 mlag-id }   (added first, then removed)
 *  type 5 keepalive (12):
 *     0..1  domain ID           2..3  node priority       4..9  node MAC
 *    10     role               11     reserved
 * </pre>
 *
 * Version 1 bodies must have exactly the sizes above. A later version may append fields: a
 * version 1 reader decodes what it knows and ignores the rest, as 802.1AX readers do with
 * LACPDUs of a higher version [802.1AX-2020 6.4.2.3]. Reserved octets are sent as zero and
 * ignored on receipt.
 */
public final class PeerMessageCodec {

    /** The version this code writes. */
    public static final int VERSION = 1;
    public static final int HEADER_LENGTH = 4;
    /** The largest body the 16-bit length field can describe. */
    public static final int MAX_BODY_LENGTH = 0xFFFF;

    static final int VERSION_OFFSET = 0;
    static final int TYPE_OFFSET = 1;
    static final int LENGTH_OFFSET = 2;

    static final int TYPE_HELLO = 1;
    static final int TYPE_HEARTBEAT = 2;
    static final int TYPE_BUNDLE_STATE = 3;
    static final int TYPE_MAC_SYNC = 4;
    static final int TYPE_KEEPALIVE = 5;

    static final int HELLO_FIXED = 22;
    static final int HELLO_BUNDLE = 8;
    static final int HEARTBEAT_LENGTH = 14;
    static final int BUNDLE_STATE_LENGTH = 4;
    static final int MAC_SYNC_FIXED = 4;
    static final int MAC_ENTRY = 10;
    static final int KEEPALIVE_LENGTH = 12;

    /** As many MAC entries as one body can hold; larger tables go in several messages. */
    public static final int MAX_MAC_ENTRIES = (MAX_BODY_LENGTH - MAC_SYNC_FIXED) / MAC_ENTRY;
    /** As many bundles as one hello can describe. */
    public static final int MAX_BUNDLES = (MAX_BODY_LENGTH - HELLO_FIXED) / HELLO_BUNDLE;

    private PeerMessageCodec() {
    }

    // ------------------------------------------------------------------ encode

    /** The exact bytes of a message: header and body, reserved octets zero. */
    public static byte[] encode(PeerMessage message) {
        int type;
        int version = VERSION;
        int bodyLength;
        if (message instanceof Hello h) {
            if (h.bundles().size() > MAX_BUNDLES) {
                throw new IllegalArgumentException("a hello describes at most " + MAX_BUNDLES + " bundles");
            }
            type = TYPE_HELLO;
            version = h.version();
            bodyLength = HELLO_FIXED + HELLO_BUNDLE * h.bundles().size();
        } else if (message instanceof Heartbeat) {
            type = TYPE_HEARTBEAT;
            bodyLength = HEARTBEAT_LENGTH;
        } else if (message instanceof BundleState) {
            type = TYPE_BUNDLE_STATE;
            bodyLength = BUNDLE_STATE_LENGTH;
        } else if (message instanceof MacSync m) {
            type = TYPE_MAC_SYNC;
            bodyLength = MAC_SYNC_FIXED + MAC_ENTRY * (m.added().size() + m.removed().size());
        } else {
            type = TYPE_KEEPALIVE;
            bodyLength = KEEPALIVE_LENGTH;
        }
        byte[] out = new byte[HEADER_LENGTH + bodyLength];
        ByteBuffer buf = ByteBuffer.wrap(out);
        buf.put(VERSION_OFFSET, (byte) version);
        buf.put(TYPE_OFFSET, (byte) type);
        buf.putShort(LENGTH_OFFSET, (short) bodyLength);
        int b = HEADER_LENGTH;
        if (message instanceof Hello h) {
            writeHello(buf, b, h);
        } else if (message instanceof Heartbeat hb) {
            buf.putInt(b, (int) hb.seq());
            buf.put(b + 4, (byte) hb.role().code);
            buf.putLong(b + 6, hb.uptimeMillis());
        } else if (message instanceof BundleState s) {
            buf.putShort(b, (short) s.mlagId());
            buf.put(b + 2, (byte) ((s.localUp() ? 1 : 0) | (s.protodown() ? 2 : 0)));
        } else if (message instanceof MacSync m) {
            buf.putShort(b, (short) m.added().size());
            buf.putShort(b + 2, (short) m.removed().size());
            int at = b + MAC_SYNC_FIXED;
            for (MacEntry e : m.added()) {
                at = writeMacEntry(buf, at, e);
            }
            for (MacEntry e : m.removed()) {
                at = writeMacEntry(buf, at, e);
            }
        } else if (message instanceof Keepalive k) {
            buf.putShort(b, (short) k.domainId());
            buf.putShort(b + 2, (short) k.node().priority());
            k.node().mac().write(buf, b + 4);
            buf.put(b + 10, (byte) k.role().code);
        }
        return out;
    }

    private static void writeHello(ByteBuffer buf, int b, Hello h) {
        buf.putShort(b, (short) h.domainId());
        buf.putShort(b + 2, (short) h.systemPriority());
        h.systemMac().write(buf, b + 4);
        buf.putShort(b + 10, (short) h.node().priority());
        h.node().mac().write(buf, b + 12);
        buf.put(b + 18, (byte) h.stpMode().code);
        buf.put(b + 19, (byte) (h.portOffset() == PortNumbering.UPPER_HALF ? 1 : 0));
        buf.putShort(b + 20, (short) h.bundles().size());
        int at = b + HELLO_FIXED;
        for (BundleProfile p : h.bundles()) {
            buf.putShort(at, (short) p.mlagId());
            buf.putShort(at + 2, (short) p.key());
            buf.putShort(at + 4, (short) p.memberCount());
            buf.put(at + 6, (byte) (p.fastRate() ? 1 : 0));
            at += HELLO_BUNDLE;
        }
    }

    private static int writeMacEntry(ByteBuffer buf, int at, MacEntry e) {
        e.mac().write(buf, at);
        buf.putShort(at + 6, (short) e.vlan());
        buf.putShort(at + 8, (short) e.mlagId());
        return at + MAC_ENTRY;
    }

    // ------------------------------------------------------------------ decode

    /**
     * Decodes one message between {@code buf.position()} and {@code buf.limit()} (the position
     * is not moved). Offsets in errors count from the header's first octet.
     */
    public static PeerMessage decode(ByteBuffer buf) throws MalformedPduException {
        int base = buf.position();
        int limit = buf.limit() - base;
        MalformedPduException.require(limit, 0, HEADER_LENGTH, "peer-link message header");
        int version = buf.get(base + VERSION_OFFSET) & 0xFF;
        if (version == 0) {
            throw new MalformedPduException(VERSION_OFFSET, "peer-link version 0 does not exist");
        }
        int type = buf.get(base + TYPE_OFFSET) & 0xFF;
        int bodyLength = Short.toUnsignedInt(buf.getShort(base + LENGTH_OFFSET));
        if (HEADER_LENGTH + bodyLength != limit) {
            throw new MalformedPduException(LENGTH_OFFSET, "body length " + bodyLength + " but "
                    + (limit - HEADER_LENGTH) + " octets follow the header");
        }
        Body body = new Body(buf, base, version, bodyLength);
        return switch (type) {
            case TYPE_HELLO -> decodeHello(body);
            case TYPE_HEARTBEAT -> decodeHeartbeat(body);
            case TYPE_BUNDLE_STATE -> decodeBundleState(body);
            case TYPE_MAC_SYNC -> decodeMacSync(body);
            case TYPE_KEEPALIVE -> decodeKeepalive(body);
            default -> throw new MalformedPduException(TYPE_OFFSET, "unknown peer-link message type " + type);
        };
    }

    /** A body and the rule for its size: exact at version 1, at least as large after it. */
    private record Body(ByteBuffer buf, int base, int version, int length) {

        /** The fixed part of a message whose size depends on a count inside it. */
        void atLeast(int needed, String what) throws MalformedPduException {
            if (length < needed) {
                throw new MalformedPduException(HEADER_LENGTH + length, "truncated " + what + ": body needs "
                        + needed + " octets, has " + length);
            }
        }

        /** The whole body. */
        void expect(int needed, String what) throws MalformedPduException {
            atLeast(needed, what);
            if (version == VERSION && length > needed) {
                throw new MalformedPduException(HEADER_LENGTH + needed, what + " body has "
                        + (length - needed) + " octets too many for version 1");
            }
        }

        int at(int offset) {
            return base + HEADER_LENGTH + offset;
        }

        int u8(int offset) {
            return buf.get(at(offset)) & 0xFF;
        }

        int u16(int offset) {
            return Short.toUnsignedInt(buf.getShort(at(offset)));
        }

        MacAddress mac(int offset) {
            return MacAddress.read(buf, at(offset));
        }

        Role role(int offset) throws MalformedPduException {
            Role r = Role.fromCode(u8(offset));
            if (r == null) {
                throw new MalformedPduException(HEADER_LENGTH + offset, "unknown role " + u8(offset));
            }
            return r;
        }
    }

    private static Hello decodeHello(Body b) throws MalformedPduException {
        b.atLeast(HELLO_FIXED, "hello");
        int n = b.u16(20);
        b.expect(HELLO_FIXED + HELLO_BUNDLE * n, "hello with " + n + " bundles");
        SpanningTreeMode stp = SpanningTreeMode.fromCode(b.u8(18));
        if (stp == null) {
            throw new MalformedPduException(HEADER_LENGTH + 18, "unknown STP mode " + b.u8(18));
        }
        List<BundleProfile> bundles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int o = HELLO_FIXED + HELLO_BUNDLE * i;
            int mlagId = b.u16(o);
            int key = b.u16(o + 2);
            if (mlagId == 0 || key == 0) {
                throw new MalformedPduException(HEADER_LENGTH + o, (mlagId == 0 ? "mlag-id" : "key") + " 0 in bundle "
                        + i);
            }
            for (BundleProfile seen : bundles) {
                if (seen.mlagId() == mlagId) {
                    throw new MalformedPduException(HEADER_LENGTH + o, "mlag-id " + mlagId + " listed twice");
                }
            }
            bundles.add(new BundleProfile(mlagId, key, b.u16(o + 4), (b.u8(o + 6) & 1) != 0));
        }
        int portOffset = (b.u8(19) & 1) != 0 ? PortNumbering.UPPER_HALF : PortNumbering.LOWER_HALF;
        return new Hello(b.version(), b.u16(0), b.u16(2), b.mac(4), new NodeId(b.u16(10), b.mac(12)), portOffset, stp,
                bundles);
    }

    private static Heartbeat decodeHeartbeat(Body b) throws MalformedPduException {
        b.expect(HEARTBEAT_LENGTH, "heartbeat");
        long uptime = b.buf().getLong(b.at(6));
        if (uptime < 0) {
            throw new MalformedPduException(HEADER_LENGTH + 6, "negative uptime");
        }
        return new Heartbeat(Integer.toUnsignedLong(b.buf().getInt(b.at(0))), b.role(4), uptime);
    }

    private static BundleState decodeBundleState(Body b) throws MalformedPduException {
        b.expect(BUNDLE_STATE_LENGTH, "bundle state");
        int mlagId = b.u16(0);
        if (mlagId == 0) {
            throw new MalformedPduException(HEADER_LENGTH, "mlag-id 0");
        }
        int flags = b.u8(2);
        return new BundleState(mlagId, (flags & 1) != 0, (flags & 2) != 0);
    }

    private static MacSync decodeMacSync(Body b) throws MalformedPduException {
        b.atLeast(MAC_SYNC_FIXED, "MAC sync");
        int added = b.u16(0);
        int removed = b.u16(2);
        b.expect(MAC_SYNC_FIXED + MAC_ENTRY * (added + removed), "MAC sync with " + (added + removed) + " entries");
        List<MacEntry> a = new ArrayList<>(added);
        List<MacEntry> r = new ArrayList<>(removed);
        for (int i = 0; i < added + removed; i++) {
            int o = MAC_SYNC_FIXED + MAC_ENTRY * i;
            int vlan = b.u16(o + 6);
            int mlagId = b.u16(o + 8);
            if (vlan > 4095) {
                throw new MalformedPduException(HEADER_LENGTH + o + 6, "VLAN " + vlan + " out of range");
            }
            if (mlagId == 0) {
                throw new MalformedPduException(HEADER_LENGTH + o + 8, "mlag-id 0");
            }
            (i < added ? a : r).add(new MacEntry(b.mac(o), vlan, mlagId));
        }
        return new MacSync(a, r);
    }

    private static Keepalive decodeKeepalive(Body b) throws MalformedPduException {
        b.expect(KEEPALIVE_LENGTH, "keepalive");
        return new Keepalive(b.u16(0), new NodeId(b.u16(2), b.mac(4)), b.role(10));
    }
}
