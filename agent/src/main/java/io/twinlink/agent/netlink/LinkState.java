package io.twinlink.agent.netlink;

import io.twinlink.wire.MacAddress;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * What one RTM_NEWLINK/RTM_DELLINK message says about an interface.
 *
 * @param ifindex   kernel interface index
 * @param name      IFLA_IFNAME
 * @param mac       IFLA_ADDRESS when it is a 6-octet MAC, else {@link MacAddress#ZERO}
 * @param adminUp   IFF_UP: the administrator set it up
 * @param carrier   IFLA_CARRIER (falls back to IFF_LOWER_UP on kernels without it)
 * @param operState IFLA_OPERSTATE
 * @param master    IFLA_MASTER ifindex, 0 when none
 * @param kind      IFLA_INFO_KIND ("veth", "bond", "bridge"...), empty for plain devices
 * @param alias     IFLA_IFALIAS, empty when none is set
 */
public record LinkState(int ifindex, String name, MacAddress mac, boolean adminUp, boolean carrier,
                        OperState operState, int master, String kind, String alias) {

    /** A link without an alias. */
    public LinkState(int ifindex, String name, MacAddress mac, boolean adminUp, boolean carrier, OperState operState,
                     int master, String kind) {
        this(ifindex, name, mac, adminUp, carrier, operState, master, kind, "");
    }

    /** Up for link aggregation: administratively up and carrier present [802.1AX 6.3.5 Port_Enabled]. */
    public boolean up() {
        return adminUp && carrier;
    }

    /** Parses the payload of an RTM_NEWLINK or RTM_DELLINK message (ifinfomsg, then attributes). */
    public static LinkState parse(ByteBuffer payload) throws NetlinkException {
        if (payload.limit() < Rtnetlink.IFINFOMSG_LEN) {
            throw new NetlinkException("truncated link message (" + payload.limit() + " octets)");
        }
        int ifindex = payload.getInt(4);
        int flags = payload.getInt(8);
        Map<Integer, ByteBuffer> attrs = Attributes.parse(
                payload.slice(Rtnetlink.IFINFOMSG_LEN, payload.limit() - Rtnetlink.IFINFOMSG_LEN));
        ByteBuffer name = attrs.get(Rtnetlink.IFLA_IFNAME);
        ByteBuffer address = attrs.get(Rtnetlink.IFLA_ADDRESS);
        ByteBuffer carrier = attrs.get(Rtnetlink.IFLA_CARRIER);
        ByteBuffer oper = attrs.get(Rtnetlink.IFLA_OPERSTATE);
        ByteBuffer master = attrs.get(Rtnetlink.IFLA_MASTER);
        ByteBuffer alias = attrs.get(Rtnetlink.IFLA_IFALIAS);
        String kind = "";
        ByteBuffer linkInfo = attrs.get(Rtnetlink.IFLA_LINKINFO);
        if (linkInfo != null) {
            ByteBuffer k = Attributes.parse(linkInfo).get(Rtnetlink.IFLA_INFO_KIND);
            kind = k == null ? "" : Attributes.string(k);
        }
        return new LinkState(
                ifindex,
                name == null ? "" : Attributes.string(name),
                address != null && address.limit() == MacAddress.LENGTH ? MacAddress.read(address, 0) : MacAddress.ZERO,
                (flags & Rtnetlink.IFF_UP) != 0,
                carrier != null ? Attributes.u8(carrier) != 0 : (flags & Rtnetlink.IFF_LOWER_UP) != 0,
                oper == null ? OperState.UNKNOWN : OperState.of(Attributes.u8(oper)),
                master == null ? 0 : Attributes.u32(master),
                kind,
                alias == null ? "" : Attributes.string(alias));
    }
}
