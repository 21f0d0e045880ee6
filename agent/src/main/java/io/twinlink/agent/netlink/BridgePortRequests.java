package io.twinlink.agent.netlink;

/**
 * rtnetlink requests for a port of a Linux bridge, as {@code bridge link set} sends them:
 * RTM_SETLINK in the AF_BRIDGE family with the port's attributes nested in IFLA_PROTINFO
 * (the kernel's br_setport()).
 */
public final class BridgePortRequests {

    /** Linux bridge port states (include/uapi/linux/if_bridge.h). */
    public static final int BR_STATE_DISABLED = 0;
    public static final int BR_STATE_LEARNING = 2;
    public static final int BR_STATE_FORWARDING = 3;
    public static final int BR_STATE_BLOCKING = 4;

    private static final int FLAGS = Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_ACK;

    private BridgePortRequests() {
    }

    /** {@code bridge link set dev IFINDEX state STATE}. */
    public static byte[] setState(int ifindex, int state, int seq) {
        if (state < BR_STATE_DISABLED || state > BR_STATE_BLOCKING) {
            throw new IllegalArgumentException("bridge port state 0..4, got " + state);
        }
        return new NetlinkMessageWriter(Rtnetlink.RTM_SETLINK, FLAGS)
                .ifinfo(Rtnetlink.AF_BRIDGE, ifindex, 0, 0)
                .begin(Rtnetlink.IFLA_PROTINFO | Rtnetlink.NLA_F_NESTED)
                    .u8(Rtnetlink.IFLA_BRPORT_STATE, state)
                .end()
                .build(seq);
    }

    /** {@code ip link set dev IFINDEX type bridge_slave fdb_flush}: what a topology change asks for. */
    public static byte[] flushFdb(int ifindex, int seq) {
        return new NetlinkMessageWriter(Rtnetlink.RTM_SETLINK, FLAGS)
                .ifinfo(Rtnetlink.AF_BRIDGE, ifindex, 0, 0)
                .begin(Rtnetlink.IFLA_PROTINFO | Rtnetlink.NLA_F_NESTED)
                    .attribute(Rtnetlink.IFLA_BRPORT_FLUSH, new byte[0])
                .end()
                .build(seq);
    }
}
