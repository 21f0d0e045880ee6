package io.twinlink.agent.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The tc filter changes that must be fast, as rtnetlink requests (pure: no socket): the same
 * messages {@code tc filter ...} sends, without starting a process. All concern filters on an
 * ingress qdisc, for every EtherType ({@code protocol all}).
 *
 * <pre>
 * tcmsg | TCA_KIND "u32" | TCA_OPTIONS { TCA_U32_ACT { 1 { TCA_ACT_KIND "mirred",
 *       TCA_ACT_OPTIONS { TCA_MIRRED_PARMS struct tc_mirred } } }, [TCA_U32_HASH], TCA_U32_SEL }
 *
 * struct tc_u32_sel (16) + one tc_u32_key (16):
 *   u8 flags, u8 offshift, u8 nkeys, pad, be16 offmask, u16 off, s16 offoff, s16 hoff, be32 hmask
 *   be32 mask, be32 val, s32 off, s32 offmask
 * struct tc_mirred (28): u32 index, u32 capab, s32 action, s32 refcnt, s32 bindcnt, s32 eaction, u32 ifindex
 * </pre>
 */
public final class FilterRequests {

    private static final int ADD = Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_ACK | Rtnetlink.NLM_F_CREATE | Rtnetlink.NLM_F_EXCL;
    private static final int REPLACE = Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_ACK | Rtnetlink.NLM_F_CREATE;
    private static final int DELETE = Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_ACK;

    private FilterRequests() {
    }

    /** A u32 handle {@code table:bucket:node} (hex in tc syntax) as one number. */
    public static int u32Handle(int table, int bucket, int node) {
        return (table << 20) | (bucket << 12) | node;
    }

    /**
     * {@code tc filter replace dev IFINDEX parent ffff: prio PRIO protocol all handle HANDLE u32
     * ht TABLE: match u32 0 0 action mirred egress redirect dev TARGET}: creates the knode or
     * swaps it for the new one in one step, so frames never see a gap.
     */
    public static byte[] replaceRedirect(int ifindex, int prio, int handle, int targetIfindex, int seq) {
        return redirect(REPLACE, ifindex, prio, handle, handle & 0xFFF0_0000, 0, targetIfindex, seq);
    }

    /**
     * {@code tc filter add dev IFINDEX parent ffff: prio PRIO protocol all u32 match u32 0 0
     * at OFFSET action mirred egress redirect dev TARGET} (the kernel picks the handle).
     */
    public static byte[] addRedirect(int ifindex, int prio, int matchOffset, int targetIfindex, int seq) {
        return redirect(ADD, ifindex, prio, 0, -1, matchOffset, targetIfindex, seq);
    }

    /** {@code tc filter del dev IFINDEX parent ffff: prio PRIO protocol all handle HANDLE u32}. */
    public static byte[] deleteU32(int ifindex, int prio, int handle, int seq) {
        return new NetlinkMessageWriter(Rtnetlink.RTM_DELTFILTER, DELETE)
                .tcmsg(ifindex, handle, Rtnetlink.TC_H_INGRESS_PARENT, info(prio, Rtnetlink.ETH_P_ALL))
                .string(Rtnetlink.TCA_KIND, "u32")
                .build(seq);
    }

    /** {@code tc filter del dev IFINDEX parent ffff: prio PRIO}: every filter of that priority. */
    public static byte[] deletePriority(int ifindex, int prio, int seq) {
        return new NetlinkMessageWriter(Rtnetlink.RTM_DELTFILTER, DELETE)
                .tcmsg(ifindex, 0, Rtnetlink.TC_H_INGRESS_PARENT, info(prio, 0))
                .build(seq);
    }

    private static byte[] redirect(int flags, int ifindex, int prio, int handle, int hashTable, int matchOffset,
                                   int targetIfindex, int seq) {
        NetlinkMessageWriter w = new NetlinkMessageWriter(Rtnetlink.RTM_NEWTFILTER, flags)
                .tcmsg(ifindex, handle, Rtnetlink.TC_H_INGRESS_PARENT, info(prio, Rtnetlink.ETH_P_ALL))
                .string(Rtnetlink.TCA_KIND, "u32")
                .begin(Rtnetlink.TCA_OPTIONS)
                    .begin(Rtnetlink.TCA_U32_ACT)
                        .begin(1) // the first action of the list
                            .string(Rtnetlink.TCA_ACT_KIND, "mirred")
                            .beginNested(Rtnetlink.TCA_ACT_OPTIONS)
                                .attribute(Rtnetlink.TCA_MIRRED_PARMS, mirredRedirect(targetIfindex))
                            .end()
                        .end()
                    .end();
        if (hashTable != -1) {
            w.u32(Rtnetlink.TCA_U32_HASH, hashTable);
        }
        return w.attribute(Rtnetlink.TCA_U32_SEL, matchAll(matchOffset))
                .end()
                .build(seq);
    }

    /** Priority high, EtherType (network order) low, as tc's TC_H_MAKE(prio << 16, htons(proto)). */
    private static int info(int prio, int ethertype) {
        int networkOrder = ((ethertype & 0xFF) << 8) | ((ethertype >> 8) & 0xFF);
        return (prio << 16) | networkOrder;
    }

    /** A terminal selector with one key that matches everything ({@code match u32 0 0 at OFFSET}). */
    private static byte[] matchAll(int offset) {
        ByteBuffer sel = ByteBuffer.allocate(32).order(ByteOrder.nativeOrder());
        sel.put((byte) Rtnetlink.TC_U32_TERMINAL).put((byte) 0).put((byte) 1).put((byte) 0);
        sel.putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0);
        sel.putInt(0).putInt(0).putInt(offset).putInt(0); // mask 0, value 0: any frame
        return sel.array();
    }

    private static byte[] mirredRedirect(int targetIfindex) {
        ByteBuffer parms = ByteBuffer.allocate(28).order(ByteOrder.nativeOrder());
        parms.putInt(0).putInt(0).putInt(Rtnetlink.TC_ACT_STOLEN).putInt(0).putInt(0);
        parms.putInt(Rtnetlink.TCA_EGRESS_REDIR).putInt(targetIfindex);
        return parms.array();
    }
}
