package io.twinlink.agent.netlink;

/**
 * The rtnetlink link requests the agent sends, as bytes (pure: no socket). Each mirrors what
 * {@code ip link} sends for the same job, so the kernel treats them alike.
 */
public final class LinkRequests {

    private static final int NEW = Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_ACK;
    private static final int CREATE = NEW | Rtnetlink.NLM_F_CREATE | Rtnetlink.NLM_F_EXCL;

    private LinkRequests() {
    }

    /** {@code ip link show NAME}: one RTM_NEWLINK answer, or ENODEV. */
    public static byte[] get(String name, int seq) {
        return new NetlinkMessageWriter(Rtnetlink.RTM_GETLINK, Rtnetlink.NLM_F_REQUEST)
                .ifinfo(Rtnetlink.AF_UNSPEC, 0, 0, 0)
                .u32(Rtnetlink.IFLA_EXT_MASK, Rtnetlink.RTEXT_FILTER_SKIP_STATS)
                .string(Rtnetlink.IFLA_IFNAME, name)
                .build(seq);
    }

    /** {@code ip link show}: every interface, as a multipart answer ending in NLMSG_DONE. */
    public static byte[] dump(int seq) {
        return new NetlinkMessageWriter(Rtnetlink.RTM_GETLINK, Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_DUMP)
                .ifinfo(Rtnetlink.AF_UNSPEC, 0, 0, 0)
                .u32(Rtnetlink.IFLA_EXT_MASK, Rtnetlink.RTEXT_FILTER_SKIP_STATS)
                .build(seq);
    }

    /** {@code ip link add NAME type veth peer name PEER}. */
    public static byte[] createVeth(String name, String peer, int seq) {
        return new NetlinkMessageWriter(Rtnetlink.RTM_NEWLINK, CREATE)
                .ifinfo(Rtnetlink.AF_UNSPEC, 0, 0, 0)
                .string(Rtnetlink.IFLA_IFNAME, name)
                .begin(Rtnetlink.IFLA_LINKINFO)
                    .string(Rtnetlink.IFLA_INFO_KIND, "veth")
                    .begin(Rtnetlink.IFLA_INFO_DATA)
                        .begin(Rtnetlink.VETH_INFO_PEER)
                            .ifinfo(Rtnetlink.AF_UNSPEC, 0, 0, 0)
                            .string(Rtnetlink.IFLA_IFNAME, peer)
                        .end()
                    .end()
                .end()
                .build(seq);
    }

    /**
     * {@code ip link add NAME type bond mode balance-xor xmit_hash_policy layer3+4 miimon 100}:
     * a bond that spreads flows but runs no LACP of its own (the agent does) [DESIGN.md Data planes].
     */
    public static byte[] createBalanceXorBond(String name, int miimonMillis, int seq) {
        return new NetlinkMessageWriter(Rtnetlink.RTM_NEWLINK, CREATE)
                .ifinfo(Rtnetlink.AF_UNSPEC, 0, 0, 0)
                .string(Rtnetlink.IFLA_IFNAME, name)
                .begin(Rtnetlink.IFLA_LINKINFO)
                    .string(Rtnetlink.IFLA_INFO_KIND, "bond")
                    .begin(Rtnetlink.IFLA_INFO_DATA)
                        .u8(Rtnetlink.IFLA_BOND_MODE, Rtnetlink.BOND_MODE_XOR)
                        .u32(Rtnetlink.IFLA_BOND_MIIMON, miimonMillis)
                        .u8(Rtnetlink.IFLA_BOND_XMIT_HASH_POLICY, Rtnetlink.BOND_XMIT_POLICY_LAYER34)
                    .end()
                .end()
                .build(seq);
    }

    /** {@code ip link set dev IFINDEX master MASTER} (0 = {@code nomaster}). */
    public static byte[] setMaster(int ifindex, int masterIfindex, int seq) {
        return new NetlinkMessageWriter(Rtnetlink.RTM_NEWLINK, NEW)
                .ifinfo(Rtnetlink.AF_UNSPEC, ifindex, 0, 0)
                .u32(Rtnetlink.IFLA_MASTER, masterIfindex)
                .build(seq);
    }

    /** {@code ip link set dev IFINDEX up|down}: only IFF_UP changes. */
    public static byte[] setAdminUp(int ifindex, boolean up, int seq) {
        return new NetlinkMessageWriter(Rtnetlink.RTM_NEWLINK, NEW)
                .ifinfo(Rtnetlink.AF_UNSPEC, ifindex, up ? Rtnetlink.IFF_UP : 0, Rtnetlink.IFF_UP)
                .build(seq);
    }

    /** {@code ip link set dev IFINDEX alias TEXT}. */
    public static byte[] setAlias(int ifindex, String alias, int seq) {
        return new NetlinkMessageWriter(Rtnetlink.RTM_NEWLINK, NEW)
                .ifinfo(Rtnetlink.AF_UNSPEC, ifindex, 0, 0)
                .string(Rtnetlink.IFLA_IFALIAS, alias)
                .build(seq);
    }

    /** {@code ip link del dev IFINDEX}. */
    public static byte[] delete(int ifindex, int seq) {
        return new NetlinkMessageWriter(Rtnetlink.RTM_DELLINK, NEW)
                .ifinfo(Rtnetlink.AF_UNSPEC, ifindex, 0, 0)
                .build(seq);
    }
}
