package io.twinlink.wire;

import java.nio.ByteBuffer;

/**
 * A Marker or Marker Response PDU [802.1AX-2020 6.5.3.3, figure 6-27], from the Slow
 * Protocols subtype octet on. 110 octets:
 *
 * <pre>
 *  0  subtype = 2            1  version = 1
 *  2  TLV type 1 (Marker Information) or 2 (Marker Response Information)
 *  3  length = 16            4..5   Requester_Port
 *  6..11  Requester_System   12..15 Requester_Transaction_ID
 * 16..17  pad (0)            18  TLV type 0 (Terminator)  19  length 0
 * 20..109 reserved (90)
 * </pre>
 *
 * A responder copies the three requester fields unchanged and flips the TLV type [6.5.4.2].
 */
public record MarkerPdu(int version, Tlv tlv, int requesterPort, MacAddress requesterSystem,
                        long requesterTransactionId) implements FramePdu {

    public static final int LENGTH = 110;
    public static final int VERSION = 1;

    static final int SUBTYPE = 0;
    static final int VERSION_NUMBER = 1;
    static final int INFO_TLV = 2;
    static final int REQUESTER_PORT = 4;
    static final int REQUESTER_SYSTEM = 6;
    static final int REQUESTER_TRANSACTION_ID = 12;
    static final int TERMINATOR_TLV = 18;
    static final int INFO_TLV_LENGTH = 16;

    /** Marker Information (a request) or Marker Response Information. */
    public enum Tlv {
        REQUEST(1, "request"), RESPONSE(2, "response");

        public final int type;
        public final String jsonName;

        Tlv(int type, String jsonName) {
            this.type = type;
            this.jsonName = jsonName;
        }
    }

    public MarkerPdu {
        if (version < 0 || version > 0xFF || tlv == null || requesterSystem == null
                || requesterPort < 0 || requesterPort > 0xFFFF
                || requesterTransactionId < 0 || requesterTransactionId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("Marker PDU field out of range");
        }
    }

    public static MarkerPdu request(int port, MacAddress system, long transactionId) {
        return new MarkerPdu(VERSION, Tlv.REQUEST, port, system, transactionId);
    }

    /** The response a Marker Responder sends back for this request [802.1AX-2020 6.5.4.2]. */
    public MarkerPdu response() {
        return new MarkerPdu(VERSION, Tlv.RESPONSE, requesterPort, requesterSystem, requesterTransactionId);
    }

    /** Decodes between {@code buf.position()} and {@code buf.limit()}; the position is not moved. */
    public static MarkerPdu decode(ByteBuffer buf) throws MalformedPduException {
        return decode(buf, buf.position(), buf.limit() - buf.position());
    }

    /** The same, for the {@code limit} octets at absolute index {@code base}. */
    static MarkerPdu decode(ByteBuffer buf, int base, int limit) throws MalformedPduException {
        MalformedPduException.require(limit, 0, LENGTH, "Marker PDU");
        int subtype = buf.get(base + SUBTYPE) & 0xFF;
        if (subtype != SlowProtocols.SUBTYPE_MARKER) {
            throw new MalformedPduException(SUBTYPE, "not a Marker PDU: subtype " + subtype);
        }
        int version = buf.get(base + VERSION_NUMBER) & 0xFF;
        if (version == 0) {
            throw new MalformedPduException(VERSION_NUMBER, "Marker protocol version 0 does not exist");
        }
        int type = buf.get(base + INFO_TLV) & 0xFF;
        Tlv tlv = switch (type) {
            case 1 -> Tlv.REQUEST;
            case 2 -> Tlv.RESPONSE;
            default -> throw new MalformedPduException(INFO_TLV, "unknown Marker TLV type " + type);
        };
        int length = buf.get(base + INFO_TLV + 1) & 0xFF;
        if (length != INFO_TLV_LENGTH) {
            throw new MalformedPduException(INFO_TLV + 1, "Marker TLV length must be 16, found " + length);
        }
        return new MarkerPdu(version, tlv,
                Short.toUnsignedInt(buf.getShort(base + REQUESTER_PORT)),
                MacAddress.read(buf, base + REQUESTER_SYSTEM),
                Integer.toUnsignedLong(buf.getInt(base + REQUESTER_TRANSACTION_ID)));
    }

    /** The exact 110 octets, version 1, pad and reserved octets zero. */
    public byte[] encode() {
        byte[] out = new byte[LENGTH];
        ByteBuffer buf = ByteBuffer.wrap(out);
        buf.put(SUBTYPE, (byte) SlowProtocols.SUBTYPE_MARKER);
        buf.put(VERSION_NUMBER, (byte) VERSION);
        buf.put(INFO_TLV, (byte) tlv.type).put(INFO_TLV + 1, (byte) INFO_TLV_LENGTH);
        buf.putShort(REQUESTER_PORT, (short) requesterPort);
        requesterSystem.write(buf, REQUESTER_SYSTEM);
        buf.putInt(REQUESTER_TRANSACTION_ID, (int) requesterTransactionId);
        return out;
    }
}
