package io.twinlink.wire;

import java.nio.ByteBuffer;

/**
 * Ethernet framing for what twinlink sends, exact to the octet and padded to the 60-octet
 * minimum (64 with the FCS the NIC adds [802.3 4.4.2]):
 *
 * <pre>
 * Slow Protocols [802.3 Annex 57A]           BPDU [802.1D-2004 7.12.3, 9.3]
 *  0..5   01:80:c2:00:00:02                   0..5   01:80:c2:00:00:00
 *  6..11  source (the port's MAC)             6..11  source (the port's MAC)
 *  12..13 0x8809                              12..13 802.3 length = 3 + BPDU length
 *  14..   PDU (subtype first)                 14..16 LLC 0x42 0x42 0x03
 *  ...    zero padding to 60                  17..   BPDU, then zero padding to 60
 * </pre>
 */
public final class FrameEncoder {

    /** Shortest frame without FCS. */
    public static final int MIN_FRAME_LENGTH = 60;
    private static final int LLC_LENGTH = 3;
    private static final int BPDU_OFFSET = FrameHeader.ETHERNET_HEADER_LENGTH + LLC_LENGTH;

    private FrameEncoder() {
    }

    public static byte[] lacpdu(MacAddress source, Lacpdu pdu) {
        return slowProtocols(source, pdu.encode());
    }

    public static byte[] marker(MacAddress source, MarkerPdu pdu) {
        return slowProtocols(source, pdu.encode());
    }

    /** {@code pdu} starts with its subtype octet; the frame may not exceed 128 octets [57A.4]. */
    public static byte[] slowProtocols(MacAddress source, byte[] pdu) {
        int length = FrameHeader.ETHERNET_HEADER_LENGTH + pdu.length;
        if (length > SlowProtocols.MAX_PDU_OCTETS) {
            throw new IllegalArgumentException("Slow Protocols frames are at most 128 octets, got " + length);
        }
        ByteBuffer buf = header(MacAddress.SLOW_PROTOCOLS, source, SlowProtocols.ETHERTYPE, length);
        buf.put(FrameHeader.ETHERNET_HEADER_LENGTH, pdu);
        return buf.array();
    }

    /** {@code bpdu} starts with the Protocol Identifier (e.g. {@link RstBpdu#encode()}). */
    public static byte[] bpdu(MacAddress source, byte[] bpdu) {
        int llcLength = LLC_LENGTH + bpdu.length;
        if (llcLength > FrameHeader.MAX_8023_LENGTH) {
            throw new IllegalArgumentException("BPDU too long for an 802.3 frame: " + bpdu.length);
        }
        ByteBuffer buf = header(MacAddress.BRIDGE_GROUP, source, llcLength, BPDU_OFFSET + bpdu.length);
        buf.put(FrameHeader.ETHERNET_HEADER_LENGTH, (byte) Encapsulation.Llc.SAP_STP)
                .put(FrameHeader.ETHERNET_HEADER_LENGTH + 1, (byte) Encapsulation.Llc.SAP_STP)
                .put(FrameHeader.ETHERNET_HEADER_LENGTH + 2, (byte) Encapsulation.Llc.CONTROL_UI);
        buf.put(BPDU_OFFSET, bpdu);
        return buf.array();
    }

    private static ByteBuffer header(MacAddress destination, MacAddress source, int typeOrLength, int length) {
        ByteBuffer buf = ByteBuffer.wrap(new byte[Math.max(MIN_FRAME_LENGTH, length)]);
        destination.write(buf, FrameHeader.DESTINATION);
        source.write(buf, FrameHeader.SOURCE);
        buf.putShort(FrameHeader.TYPE_OR_LENGTH, (short) typeOrLength);
        return buf;
    }
}
