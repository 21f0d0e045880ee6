package io.twinlink.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.OptionalInt;

/**
 * The one entry point from received octets to a {@link FramePdu}: link-layer framing
 * ({@link FrameHeader}), then dispatch:
 * <ul>
 *   <li>EtherType 0x8809 (Slow Protocols) by subtype: 1 {@link Lacpdu}, 2 {@link MarkerPdu},
 *       anything else {@link OtherSlowProtocolPdu} [802.3 Annex 57A];</li>
 *   <li>LLC DSAP/SSAP 0x42: a {@link Bpdu} [802.1D-2004 7.12.3];</li>
 *   <li>SNAP OUI 00-00-0c PID 0x010b: a PVST+ BPDU with its Originating VLAN TLV;</li>
 *   <li>anything else: {@link NotAPdu}.</li>
 * </ul>
 * Every problem is a {@link MalformedPduException} whose offset counts from the first octet
 * of the frame; nothing else is ever thrown for any input.
 */
public final class FrameDecoder {

    private static final int PVST_TLV_HEADER = 4;
    private static final int PVST_TLV_ORIGINATING_VLAN = 0;

    private FrameDecoder() {
    }

    /** An Ethernet frame (no preamble, no FCS) between position and limit. */
    public static FramePdu decode(ByteBuffer frame) throws MalformedPduException {
        ByteBuffer buf = bigEndian(frame);
        return decodePayload(FrameHeader.decodeEthernet(buf), buf);
    }

    /** A frame as captured with the given {@link LinkType}. */
    public static FramePdu decode(int linkType, ByteBuffer frame) throws MalformedPduException {
        ByteBuffer buf = bigEndian(frame);
        return decodePayload(FrameHeader.decode(linkType, buf), buf);
    }

    /**
     * The second half of {@link #decode(ByteBuffer)}, for callers that want the header even
     * when the PDU turns out to be malformed ({@code twinlink decode} reports both).
     */
    public static FramePdu decodePayload(FrameHeader header, ByteBuffer frame) throws MalformedPduException {
        ByteBuffer buf = bigEndian(frame);
        int start = buf.position() + header.payloadOffset();
        Encapsulation enc = header.encapsulation();
        if (enc instanceof Encapsulation.EthernetII e) {
            return e.etherType() == SlowProtocols.ETHERTYPE ? slowProtocol(header, buf, start) : NotAPdu.INSTANCE;
        }
        if (enc instanceof Encapsulation.Llc llc) {
            if (llc.dsap() != Encapsulation.Llc.SAP_STP || llc.ssap() != Encapsulation.Llc.SAP_STP) {
                return NotAPdu.INSTANCE;
            }
            if (llc.control() != Encapsulation.Llc.CONTROL_UI) {
                int controlAt = header.payloadOffset() - (llc.control() > 0xFF ? 2 : 1);
                throw new MalformedPduException(controlAt,
                        String.format("BPDU LLC control must be UI (0x03), found 0x%02x", llc.control()));
            }
            Bpdu bpdu = bpdu(header, buf, start);
            boolean pvstAddress = MacAddress.PVST.equals(header.destination());
            return new FramedBpdu(bpdu, pvstAddress, OptionalInt.empty());
        }
        if (enc instanceof Encapsulation.Snap snap && snap.oui() == Encapsulation.Snap.OUI_CISCO
                && snap.protocolId() == Encapsulation.Snap.PID_PVST) {
            Bpdu bpdu = bpdu(header, buf, start);
            return new FramedBpdu(bpdu, true, originatingVlan(buf, start, header.payloadLength()));
        }
        return NotAPdu.INSTANCE;
    }

    private static FramePdu slowProtocol(FrameHeader header, ByteBuffer buf, int start) throws MalformedPduException {
        int length = header.payloadLength();
        MalformedPduException.require(length, 0, 1, "Slow Protocols subtype");
        int subtype = buf.get(start) & 0xFF;
        try {
            return switch (subtype) {
                case SlowProtocols.SUBTYPE_LACP -> Lacpdu.decode(buf, start, length);
                case SlowProtocols.SUBTYPE_MARKER -> MarkerPdu.decode(buf, start, length);
                default -> new OtherSlowProtocolPdu(subtype, length);
            };
        } catch (MalformedPduException e) {
            throw e.shifted(header.payloadOffset());
        }
    }

    private static Bpdu bpdu(FrameHeader header, ByteBuffer buf, int start) throws MalformedPduException {
        try {
            return BpduCodec.decode(buf, start, header.payloadLength());
        } catch (MalformedPduException e) {
            throw e.shifted(header.payloadOffset());
        }
    }

    /**
     * PVST+ TLVs start at BPDU octet 36 [Wireshark packet-bpdu.c BPDU_PVST_TLV]: type (2),
     * length (2), value. Type 0 with length 2 is the Originating VLAN. A TLV that does not fit
     * ends the walk: the BPDU itself is fine, so we are liberal here.
     */
    private static OptionalInt originatingVlan(ByteBuffer buf, int start, int length) {
        int at = BpduLayout.PVST_TLVS;
        while (at + PVST_TLV_HEADER <= length) {
            int type = Short.toUnsignedInt(buf.getShort(start + at));
            int tlvLength = Short.toUnsignedInt(buf.getShort(start + at + 2));
            if (at + PVST_TLV_HEADER + tlvLength > length) {
                break;
            }
            if (type == PVST_TLV_ORIGINATING_VLAN && tlvLength == 2) {
                return OptionalInt.of(Short.toUnsignedInt(buf.getShort(start + at + PVST_TLV_HEADER)));
            }
            at += PVST_TLV_HEADER + tlvLength;
        }
        return OptionalInt.empty();
    }

    private static ByteBuffer bigEndian(ByteBuffer buf) {
        return buf.order() == ByteOrder.BIG_ENDIAN ? buf : buf.duplicate().order(ByteOrder.BIG_ENDIAN);
    }
}
