package io.twinlink.wire;

import java.nio.ByteBuffer;

/**
 * A LACPDU [802.1AX-2020 6.4.2.3, figure 6-7], from the Slow Protocols subtype octet on
 * (the Ethernet header is not part of it). Version 1 is 110 octets:
 *
 * <pre>
 *  0  subtype = 1          1  version = 1
 *  2  TLV type = 1 (Actor) 3  length = 20      4..21   Actor information (18)
 * 22  TLV type = 2 (Part.) 23 length = 20     24..41   Partner information (18)
 * 42  TLV type = 3 (Coll.) 43 length = 16     44..45   CollectorMaxDelay
 *                                             46..57   reserved (12)
 * 58  TLV type = 0 (Term.) 59 length = 0      60..109  reserved (50)
 * </pre>
 *
 * <p>Decoding is liberal where 6.4.2.3 asks for it: any version number is accepted, reserved
 * octets are ignored, and in a version 2+ LACPDU the TLVs between Collector and Terminator
 * that this implementation does not know are skipped by their length. Encoding is exact:
 * version 1, reserved octets zero.
 */
public record Lacpdu(int version, LacpInfo actor, LacpInfo partner, int collectorMaxDelay) implements FramePdu {

    public static final int LENGTH = 110;
    public static final int VERSION = 1;

    static final int SUBTYPE = 0;
    static final int VERSION_NUMBER = 1;
    static final int ACTOR_TLV = 2;
    static final int PARTNER_TLV = 22;
    static final int COLLECTOR_TLV = 42;
    static final int COLLECTOR_MAX_DELAY = 44;
    static final int TERMINATOR_TLV = 58;

    static final int TLV_ACTOR = 1;
    static final int TLV_PARTNER = 2;
    static final int TLV_COLLECTOR = 3;
    static final int TLV_TERMINATOR = 0;
    static final int INFO_TLV_LENGTH = 20;
    static final int COLLECTOR_TLV_LENGTH = 16;

    public Lacpdu {
        if (version < 0 || version > 0xFF) {
            throw new IllegalArgumentException("version is one octet: " + version);
        }
        if (collectorMaxDelay < 0 || collectorMaxDelay > 0xFFFF) {
            throw new IllegalArgumentException("collectorMaxDelay must be 0..65535");
        }
        if (actor == null || partner == null) {
            throw new IllegalArgumentException("actor and partner are required");
        }
    }

    public Lacpdu(LacpInfo actor, LacpInfo partner, int collectorMaxDelay) {
        this(VERSION, actor, partner, collectorMaxDelay);
    }

    /**
     * Decodes the LACPDU between {@code buf.position()} and {@code buf.limit()}; the buffer's
     * position is not moved. Offsets in exceptions are relative to the subtype octet.
     */
    public static Lacpdu decode(ByteBuffer buf) throws MalformedPduException {
        return decode(buf, buf.position(), buf.limit() - buf.position());
    }

    /** The same, for the {@code limit} octets at absolute index {@code base} (saves the frame decoder a view). */
    static Lacpdu decode(ByteBuffer buf, int base, int limit) throws MalformedPduException {
        MalformedPduException.require(limit, 0, LENGTH, "LACPDU");
        int subtype = buf.get(base + SUBTYPE) & 0xFF;
        if (subtype != SlowProtocols.SUBTYPE_LACP) {
            throw new MalformedPduException(SUBTYPE, "not a LACPDU: subtype " + subtype);
        }
        int version = buf.get(base + VERSION_NUMBER) & 0xFF;
        if (version == 0) {
            throw new MalformedPduException(VERSION_NUMBER, "LACP version 0 does not exist");
        }
        expectTlv(buf, base, ACTOR_TLV, TLV_ACTOR, INFO_TLV_LENGTH, "Actor");
        expectTlv(buf, base, PARTNER_TLV, TLV_PARTNER, INFO_TLV_LENGTH, "Partner");
        expectTlv(buf, base, COLLECTOR_TLV, TLV_COLLECTOR, COLLECTOR_TLV_LENGTH, "Collector");
        if (version > VERSION) {
            skipFurtherTlvs(buf, base, limit);
        }
        return new Lacpdu(version,
                LacpInfo.read(buf, base + ACTOR_TLV + 2),
                LacpInfo.read(buf, base + PARTNER_TLV + 2),
                Short.toUnsignedInt(buf.getShort(base + COLLECTOR_MAX_DELAY)));
    }

    private static void expectTlv(ByteBuffer buf, int base, int at, int type, int length, String name)
            throws MalformedPduException {
        int t = buf.get(base + at) & 0xFF;
        int l = buf.get(base + at + 1) & 0xFF;
        if (t != type) {
            throw new MalformedPduException(at, name + " TLV expected (type " + type + "), found type " + t);
        }
        if (l != length) {
            throw new MalformedPduException(at + 1, name + " TLV length must be " + length + ", found " + l);
        }
    }

    /** Version 2+ may carry further TLVs before the Terminator; walk them so a lie in a length is caught. */
    private static void skipFurtherTlvs(ByteBuffer buf, int base, int limit) throws MalformedPduException {
        int at = TERMINATOR_TLV;
        while (true) {
            MalformedPduException.require(limit, at, 2, "TLV header");
            int type = buf.get(base + at) & 0xFF;
            int length = buf.get(base + at + 1) & 0xFF;
            if (type == TLV_TERMINATOR) {
                return;
            }
            if (length < 2) {
                throw new MalformedPduException(at + 1, "TLV type " + type + " has impossible length " + length);
            }
            MalformedPduException.require(limit, at, length, "TLV type " + type);
            at += length;
        }
    }

    /** The exact 110 octets of a version 1 LACPDU (whatever {@link #version()} says, we speak version 1). */
    public byte[] encode() {
        byte[] out = new byte[LENGTH];
        ByteBuffer buf = ByteBuffer.wrap(out);
        buf.put(SUBTYPE, (byte) SlowProtocols.SUBTYPE_LACP);
        buf.put(VERSION_NUMBER, (byte) VERSION);
        buf.put(ACTOR_TLV, (byte) TLV_ACTOR).put(ACTOR_TLV + 1, (byte) INFO_TLV_LENGTH);
        actor.write(buf, ACTOR_TLV + 2);
        buf.put(PARTNER_TLV, (byte) TLV_PARTNER).put(PARTNER_TLV + 1, (byte) INFO_TLV_LENGTH);
        partner.write(buf, PARTNER_TLV + 2);
        buf.put(COLLECTOR_TLV, (byte) TLV_COLLECTOR).put(COLLECTOR_TLV + 1, (byte) COLLECTOR_TLV_LENGTH);
        buf.putShort(COLLECTOR_MAX_DELAY, (short) collectorMaxDelay);
        // Terminator TLV (type 0, length 0) and the reserved octets are already zero.
        return out;
    }
}
