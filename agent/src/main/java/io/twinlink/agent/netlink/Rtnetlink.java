package io.twinlink.agent.netlink;

/**
 * Numbers from the Linux UAPI headers the agent speaks: {@code linux/netlink.h},
 * {@code linux/rtnetlink.h}, {@code linux/if_link.h}, {@code linux/if.h},
 * {@code linux/veth.h}. They are ABI: the kernel never renumbers them.
 */
public final class Rtnetlink {

    private Rtnetlink() {
    }

    public static final int NETLINK_ROUTE = 0;
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;

    /** Multicast group of link changes (the legacy bitmask form used in {@code bind}). */
    public static final int RTMGRP_LINK = 0x1;

    // nlmsghdr: u32 len, u16 type, u16 flags, u32 seq, u32 pid
    public static final int NLMSG_HDRLEN = 16;
    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;

    public static final int NLM_F_REQUEST = 0x1;
    public static final int NLM_F_MULTI = 0x2;
    public static final int NLM_F_ACK = 0x4;
    public static final int NLM_F_DUMP = 0x300;
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    /** On an NLMSG_ERROR: the original request was left out ({@link #NETLINK_CAP_ACK}). */
    public static final int NLM_F_CAPPED = 0x100;
    /** On an NLMSG_ERROR: extended-ack attributes follow. */
    public static final int NLM_F_ACK_TLVS = 0x200;
    public static final int NLMSGERR_ATTR_MSG = 1;

    public static final int RTM_NEWLINK = 16;
    public static final int RTM_DELLINK = 17;
    public static final int RTM_GETLINK = 18;
    public static final int RTM_SETLINK = 19;

    // ifinfomsg: u8 family, u8 pad, u16 type, s32 index, u32 flags, u32 change
    public static final int IFINFOMSG_LEN = 16;
    public static final int AF_UNSPEC = 0;
    /** Link messages of this family address a bridge port's own attributes (rtnetlink(7), bridge(8)). */
    public static final int AF_BRIDGE = 7;
    /** Nested bridge-port attributes in an AF_BRIDGE link message. */
    public static final int IFLA_PROTINFO = 12;
    /** u8: BR_STATE_DISABLED 0, LISTENING 1, LEARNING 2, FORWARDING 3, BLOCKING 4. */
    public static final int IFLA_BRPORT_STATE = 1;
    /** flag: forget every FDB entry learned on the port. */
    public static final int IFLA_BRPORT_FLUSH = 24;

    public static final int IFLA_ADDRESS = 1;
    public static final int IFLA_IFNAME = 3;
    public static final int IFLA_MTU = 4;
    public static final int IFLA_MASTER = 10;
    public static final int IFLA_OPERSTATE = 16;
    /** The interface's alias ({@code ip link set NAME alias TEXT}), at most 255 octets. */
    public static final int IFLA_IFALIAS = 20;
    public static final int IFLA_LINKINFO = 18;
    public static final int IFLA_EXT_MASK = 29;
    public static final int IFLA_CARRIER = 33;
    /** IFLA_EXT_MASK bit: leave the (large) statistics out of link answers. */
    public static final int RTEXT_FILTER_SKIP_STATS = 1 << 3;

    public static final int IFLA_INFO_KIND = 1;
    public static final int IFLA_INFO_DATA = 2;

    public static final int VETH_INFO_PEER = 1;

    public static final int IFLA_BOND_MODE = 1;
    public static final int IFLA_BOND_MIIMON = 3;
    public static final int IFLA_BOND_XMIT_HASH_POLICY = 14;
    public static final int BOND_MODE_XOR = 2;
    public static final int BOND_XMIT_POLICY_LAYER34 = 1;

    public static final int RTM_NEWTFILTER = 44;
    public static final int RTM_DELTFILTER = 45;
    // tcmsg: u8 family, 3 pad, s32 ifindex, u32 handle, u32 parent, u32 info
    public static final int TCMSG_LEN = 20;
    public static final int TCA_KIND = 1;
    public static final int TCA_OPTIONS = 2;
    public static final int TCA_U32_HASH = 2;
    public static final int TCA_U32_SEL = 5;
    public static final int TCA_U32_ACT = 7;
    public static final int TC_U32_TERMINAL = 1;
    public static final int TCA_ACT_KIND = 1;
    public static final int TCA_ACT_OPTIONS = 2;
    public static final int TCA_MIRRED_PARMS = 2;
    public static final int TC_ACT_STOLEN = 4;
    public static final int TCA_EGRESS_REDIR = 1;
    /** The parent of filters on an ingress qdisc ({@code parent ffff:}). */
    public static final int TC_H_INGRESS_PARENT = 0xFFFF_0000;
    public static final int ETH_P_ALL = 0x0003;

    public static final int IFF_UP = 0x1;
    public static final int IFF_RUNNING = 0x40;
    public static final int IFF_LOWER_UP = 0x10000;

    /** rtattr/nlattr: u16 len, u16 type, payload padded to 4 octets. */
    public static final int NLA_HDRLEN = 4;
    public static final int NLA_TYPE_MASK = 0x3FFF;
    public static final int NLA_F_NESTED = 0x8000;

    public static int align4(int length) {
        return (length + 3) & ~3;
    }
}
