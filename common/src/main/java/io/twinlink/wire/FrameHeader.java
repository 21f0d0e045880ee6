package io.twinlink.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The link-layer part of a frame: addresses, VLAN tags (any depth), encapsulation, and where
 * the payload is. Offsets count from the buffer's position when decoding started.
 *
 * <p>Ethernet (LINKTYPE 1):
 * <pre>
 *  0..5   destination        6..11  source
 *  12..13 TPID 0x8100/0x88a8/0x9100 -> 14..15 TCI, 16..17 next type/length ... (repeat)
 *  then   type/length:  >= 0x0600 EtherType, payload follows
 *                       &lt;= 1500   802.3 length of what follows (the rest is padding):
 *                                  DSAP, SSAP, control (1 octet if UI/U-format, else 2);
 *                                  if AA AA 03: OUI (3), PID (2)
 * </pre>
 * Linux cooked v1 (LINKTYPE 113), 16 octets, then the payload:
 * <pre>
 *  0..1 packet type  2..3 ARPHRD type  4..5 address length (16 bits)  6..13 address  14..15 protocol
 * </pre>
 * Linux cooked v2 (LINKTYPE 276), 20 octets:
 * <pre>
 *  0..1 protocol  2..3 reserved  4..7 ifindex  8..9 ARPHRD type  10 packet type
 *  11 address length (8 bits)  12..19 address
 * </pre>
 * A cooked capture records only one address (the sender's, for frames we received) and no
 * destination, so {@link #destination()} is {@code null} there; protocol 0x0004 means an
 * 802.2 LLC header follows (that is how BPDUs appear).
 *
 * <p>An 802.3 length larger than what was captured is tolerated (the capture may be cut
 * short by a snap length); the PDU decoder then reports what is missing.
 */
public record FrameHeader(MacAddress destination, MacAddress source, List<VlanTag> tags,
                          Encapsulation encapsulation, int payloadOffset, int payloadLength) {

    public static final int ETHERNET_HEADER_LENGTH = 14;
    public static final int MAX_8023_LENGTH = 1500;
    public static final int MIN_ETHERTYPE = 0x0600;

    static final int DESTINATION = 0;
    static final int SOURCE = 6;
    static final int TYPE_OR_LENGTH = 12;

    static final int SLL_LENGTH = 16;
    static final int SLL_ARPHRD = 2;
    static final int SLL_ADDRESS_LENGTH = 4;
    static final int SLL_ADDRESS = 6;
    static final int SLL_PROTOCOL = 14;

    static final int SLL2_LENGTH = 20;
    static final int SLL2_PROTOCOL = 0;
    static final int SLL2_ARPHRD = 8;
    static final int SLL2_ADDRESS_LENGTH = 11;
    static final int SLL2_ADDRESS = 12;

    /** Linux's ETH_P_802_2: "an 802.2 LLC header follows" in a cooked capture. */
    static final int LINUX_PROTOCOL_802_2 = 0x0004;
    static final int ARPHRD_ETHER = 1;

    private static final int LLC_LENGTH_UI = 3;
    private static final int LLC_LENGTH_INFO = 4;
    private static final int SNAP_LENGTH = 5;

    public FrameHeader {
        tags = List.copyOf(tags);
    }

    /** The VID of the outermost tag, if the frame had any. */
    public OptionalInt outerVid() {
        return tags.isEmpty() ? OptionalInt.empty() : OptionalInt.of(tags.get(0).vid());
    }

    /** Decodes according to the capture's link type; see {@link LinkType}. */
    public static FrameHeader decode(int linkType, ByteBuffer buf) throws MalformedPduException {
        return switch (linkType) {
            case LinkType.ETHERNET -> decodeEthernet(buf);
            case LinkType.LINUX_SLL -> decodeLinuxSll(buf);
            case LinkType.LINUX_SLL2 -> decodeLinuxSll2(buf);
            default -> throw new MalformedPduException(0, "unsupported link type " + linkType);
        };
    }

    public static FrameHeader decodeEthernet(ByteBuffer buf) throws MalformedPduException {
        int base = buf.position();
        int limit = buf.limit() - base;
        MalformedPduException.require(limit, 0, ETHERNET_HEADER_LENGTH, "Ethernet header");
        MacAddress dst = MacAddress.read(buf, base + DESTINATION);
        MacAddress src = MacAddress.read(buf, base + SOURCE);
        return afterType(buf, base, limit, dst, src, u16(buf, base + TYPE_OR_LENGTH), ETHERNET_HEADER_LENGTH);
    }

    public static FrameHeader decodeLinuxSll(ByteBuffer buf) throws MalformedPduException {
        int base = buf.position();
        int limit = buf.limit() - base;
        MalformedPduException.require(limit, 0, SLL_LENGTH, "Linux cooked (SLL) header");
        MacAddress src = cookedAddress(buf, u16(buf, base + SLL_ARPHRD), u16(buf, base + SLL_ADDRESS_LENGTH),
                base + SLL_ADDRESS);
        return afterCookedProtocol(buf, base, limit, src, u16(buf, base + SLL_PROTOCOL), SLL_LENGTH);
    }

    public static FrameHeader decodeLinuxSll2(ByteBuffer buf) throws MalformedPduException {
        int base = buf.position();
        int limit = buf.limit() - base;
        MalformedPduException.require(limit, 0, SLL2_LENGTH, "Linux cooked (SLL2) header");
        MacAddress src = cookedAddress(buf, u16(buf, base + SLL2_ARPHRD), buf.get(base + SLL2_ADDRESS_LENGTH) & 0xFF,
                base + SLL2_ADDRESS);
        return afterCookedProtocol(buf, base, limit, src, u16(buf, base + SLL2_PROTOCOL), SLL2_LENGTH);
    }

    /** The one address a cooked capture keeps, when it is an Ethernet MAC. */
    private static MacAddress cookedAddress(ByteBuffer buf, int arphrd, int addressLength, int addressAt) {
        boolean ethernet = arphrd == ARPHRD_ETHER && addressLength == MacAddress.LENGTH;
        return ethernet ? MacAddress.read(buf, addressAt) : null;
    }

    private static FrameHeader afterCookedProtocol(ByteBuffer buf, int base, int limit, MacAddress src, int protocol,
                                                   int at) throws MalformedPduException {
        if (protocol == LINUX_PROTOCOL_802_2) {
            return llc(buf, base, limit, null, src, List.of(), at, limit - at);
        }
        if (protocol < MIN_ETHERTYPE) {
            return new FrameHeader(null, src, List.of(), new Encapsulation.Other(protocol), at, limit - at);
        }
        return afterType(buf, base, limit, null, src, protocol, at);
    }

    /** Walks VLAN tags from {@code type} (already read; the octets after it start at {@code at}). */
    private static FrameHeader afterType(ByteBuffer buf, int base, int limit, MacAddress dst, MacAddress src,
                                         int type, int at) throws MalformedPduException {
        List<VlanTag> tags = List.of();
        while (VlanTag.isTpid(type)) {
            MalformedPduException.require(limit, at, 4, "VLAN tag");
            if (tags.isEmpty()) {
                tags = new ArrayList<>(2);
            }
            tags.add(VlanTag.of(type, u16(buf, base + at)));
            type = u16(buf, base + at + 2);
            at += 4;
        }
        if (type >= MIN_ETHERTYPE) {
            return new FrameHeader(dst, src, tags, new Encapsulation.EthernetII(type), at, limit - at);
        }
        if (type > MAX_8023_LENGTH) {
            return new FrameHeader(dst, src, tags, new Encapsulation.Other(type), at, limit - at);
        }
        return llc(buf, base, limit, dst, src, tags, at, Math.min(type, limit - at));
    }

    private static FrameHeader llc(ByteBuffer buf, int base, int limit, MacAddress dst, MacAddress src,
                                   List<VlanTag> tags, int at, int length) throws MalformedPduException {
        MalformedPduException.require(at + length, at, LLC_LENGTH_UI, "LLC header");
        int dsap = buf.get(base + at) & 0xFF;
        int ssap = buf.get(base + at + 1) & 0xFF;
        int control = buf.get(base + at + 2) & 0xFF;
        // U-format PDUs have a one-octet control field, I- and S-format two [802.2 5.2]
        int llcLength = LLC_LENGTH_UI;
        if ((control & 0x03) != 0x03) {
            MalformedPduException.require(at + length, at, LLC_LENGTH_INFO, "LLC header");
            control = (control << 8) | (buf.get(base + at + 3) & 0xFF);
            llcLength = LLC_LENGTH_INFO;
        }
        if (dsap == Encapsulation.Llc.SAP_SNAP && ssap == Encapsulation.Llc.SAP_SNAP
                && control == Encapsulation.Llc.CONTROL_UI) {
            MalformedPduException.require(at + length, at + LLC_LENGTH_UI, SNAP_LENGTH, "SNAP header");
            int oui = (u16(buf, base + at + 3) << 8) | (buf.get(base + at + 5) & 0xFF);
            int pid = u16(buf, base + at + 6);
            int skip = LLC_LENGTH_UI + SNAP_LENGTH;
            return new FrameHeader(dst, src, tags, new Encapsulation.Snap(oui, pid), at + skip, length - skip);
        }
        return new FrameHeader(dst, src, tags, new Encapsulation.Llc(dsap, ssap, control), at + llcLength,
                length - llcLength);
    }

    private static int u16(ByteBuffer buf, int index) {
        return Short.toUnsignedInt(buf.getShort(index));
    }
}
