package io.twinlink.agent.dataplane;

import java.util.ArrayList;
import java.util.List;

/**
 * The set-up of the {@code tc} data plane, as {@code tc -batch} lines (pure: no process).
 *
 * <h2>Distribution: the aggregate's traffic, on the ingress of the veth peer ({@code dp})</h2>
 *
 * Frames the host sends on the aggregate come out of the veth at {@code dp}, where u32 hashes
 * spread them over {@value #SLOTS} slots; each slot redirects to one distributing member.
 * u32's hash only selects bits of one 32-bit word, so to hash on both ports (client and
 * server flows spread alike, as with the bonding driver's layer3+4 policy) it hashes twice:
 * the source port's low nibble picks a table, the destination port's low nibble a bucket in
 * it, and bucket (a, b) leads to slot a XOR b.
 *
 * <pre>
 * prio 10  root:  EtherType 0x0800 --hash sport nibble (IP+20)--> 4:a --hash dport nibble--> 1a:b --> slot 2(a^b):
 *                 EtherType 0x86dd --hash sport nibble (IP+40)--> 6:a --hash dport nibble--> 1a:b --> slot 2(a^b):
 *          slot 20:..2f:  one knode each: "mirred egress redirect dev MEMBER", or none (no member)
 * prio 20  anything else (ARP, frames too short to hash): slot 20:
 * prio 30  what no slot took: classic BPF "ret #TC_ACT_SHOT" (gact is not built on every kernel)
 * </pre>
 *
 * With no member distributing, every slot is empty and frames fall through to the drop:
 * they are discarded, never sent out of a member the partner does not expect them on.
 * Slots and the members' collecting redirects change while traffic flows; those changes go
 * over rtnetlink ({@link io.twinlink.agent.netlink.FilterRequests}), not through a tc process,
 * because a member failure must move traffic within milliseconds. This class writes the
 * one-time set-up, where readable tc syntax is worth the process start.
 *
 * <h2>Collection: on each member's ingress</h2>
 *
 * <pre>
 * prio 1   pass (not redirected): EtherType 0x8809 (Slow Protocols), 01:80:c2:00:00:0X
 *          (BPDUs, LLDP: link-local to the member), 01:00:0c:cc:cc:cd (PVST+)
 * prio 10  while collecting: "mirred egress redirect dev dp" (the frame comes out of the aggregate)
 * prio 30  otherwise: drop [802.1AX-2020 6.4.15: a port that is not collecting discards frames]
 * </pre>
 *
 * The agent's pcap handles see member frames before tc ingress runs, so LACPDUs reach it
 * whatever the filters do. Offsets are from the network header; negative ones reach the MAC
 * header (at -16 the two octets before it, as iproute2's own {@code match ether} does).
 */
final class TcScript {

    static final int SLOTS = 16;

    private static final String INGRESS = "parent ffff:";
    private static final int PRIO_CONTROL = 1;
    /** The hash on dp, and the collecting redirect on members. */
    static final int PRIO_HASH = 10;
    private static final int PRIO_UNHASHED = 20;
    private static final int PRIO_DROP = 30;
    /** One classic BPF instruction, {@code ret #2}: TC_ACT_SHOT in direct-action mode. */
    private static final String DROP_BYTECODE = "1,6 0 0 2";
    private static final String DROP = "bpf bytecode '" + DROP_BYTECODE + "' da";
    /** "filter parent ffff: protocol all pref 30 bpf chain 0 ...", as {@code tc filter show} prints each filter. */
    private static final java.util.regex.Pattern FILTER_LINE =
            java.util.regex.Pattern.compile("^filter parent ffff: protocol \\S+ pref (\\d+) (\\S+)");

    private static final int TABLE_IPV4 = 0x4;
    private static final int TABLE_IPV6 = 0x6;
    private static final int TABLE_DPORT = 0x10;
    static final int TABLE_SLOT = 0x20;
    /** The collecting redirect's (match-all) key reads the MAC header, present in every frame. */
    static final int COLLECT_MATCH_OFFSET = -12;

    private TcScript() {
    }

    /** Sets up distribution on {@code dp}; every slot starts empty (everything dropped). */
    static List<String> distributor(String dp) {
        String f = "filter add dev " + dp + " " + INGRESS + " prio " + PRIO_HASH + " protocol all ";
        List<String> out = new ArrayList<>();
        out.add("qdisc add dev " + dp + " ingress");
        for (int s = 0; s < SLOTS; s++) {
            out.add(f + "handle " + hex(TABLE_SLOT + s) + ": u32 divisor 1");
        }
        for (int a = 0; a < SLOTS; a++) {
            int table = TABLE_DPORT + a;
            out.add(f + "handle " + hex(table) + ": u32 divisor " + SLOTS);
            for (int b = 0; b < SLOTS; b++) {
                String bucket = hex(table) + ":" + hex(b) + ":";
                out.add(f + "handle " + bucket + "1 u32 ht " + bucket + " match u32 0 0 link " + hex(TABLE_SLOT + (a ^ b)) + ":");
            }
        }
        for (int[] family : new int[][] {{TABLE_IPV4, 20}, {TABLE_IPV6, 40}}) {
            int table = family[0];
            out.add(f + "handle " + hex(table) + ": u32 divisor " + SLOTS);
            for (int a = 0; a < SLOTS; a++) {
                String bucket = hex(table) + ":" + hex(a) + ":";
                // destination port: low nibble of the L4 header's first word, second half
                out.add(f + "handle " + bucket + "1 u32 ht " + bucket + " match u32 0 0 hashkey mask 0x0000000f at "
                        + family[1] + " link " + hex(TABLE_DPORT + a) + ":");
            }
        }
        // source port: low nibble of the first half of the same word
        out.add(f + "u32 match u32 0x00000800 0x0000ffff at -4 hashkey mask 0x000f0000 at 20 link " + hex(TABLE_IPV4) + ":");
        out.add(f + "u32 match u32 0x000086dd 0x0000ffff at -4 hashkey mask 0x000f0000 at 40 link " + hex(TABLE_IPV6) + ":");
        out.add("filter add dev " + dp + " " + INGRESS + " prio " + PRIO_UNHASHED
                + " protocol all u32 match u32 0 0 at -12 link " + hex(TABLE_SLOT) + ":");
        out.add(drop(dp));
        return out;
    }

    /** Sets up a member that does not collect yet: control frames pass, the rest is dropped. */
    static List<String> memberGuard(String member) {
        String f = "filter add dev " + member + " " + INGRESS + " prio " + PRIO_CONTROL + " protocol all u32 ";
        return List.of(
                "qdisc add dev " + member + " ingress",
                f + "match u32 0x00008809 0x0000ffff at -4 classid ffff:1",
                f + "match u32 0x00000180 0x0000ffff at -16 match u32 0xc2000000 0xfffffff0 at -12 classid ffff:1",
                f + "match u32 0x00000100 0x0000ffff at -16 match u32 0x0ccccccd 0xffffffff at -12 classid ffff:1",
                drop(member));
    }

    /** Lists the filters on a member's ingress ({@link #isMemberGuard} reads the answer). */
    static String showGuard(String member) {
        return "filter show dev " + member + " ingress";
    }

    /**
     * Whether {@code tc filter show dev M ingress} shows a member guard of ours, as
     * {@link #memberGuard} and the collecting redirect make it: the control-frame pass at
     * prio 1 (u32, flowid ffff:1), the bpf drop at prio 30 with our exact bytecode, perhaps
     * the redirect at prio 10, and nothing else. Anything else on that qdisc is someone
     * else's, and the qdisc is left alone.
     */
    static boolean isMemberGuard(String filterShow) {
        boolean pass = false;
        boolean drop = false;
        for (String line : filterShow.split("\n")) {
            java.util.regex.Matcher m = FILTER_LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            int prio = Integer.parseInt(m.group(1));
            String kind = m.group(2);
            if (prio == PRIO_CONTROL && kind.equals("u32")) {
                pass |= line.contains("flowid ffff:1");
            } else if (prio == PRIO_DROP && kind.equals("bpf")) {
                drop |= line.contains("bytecode '" + DROP_BYTECODE + "'");
            } else if (!(prio == PRIO_HASH && kind.equals("u32"))) {
                return false;
            }
        }
        return pass && drop;
    }

    /** Removes the ingress qdisc of a member, and with it every filter above. */
    static String removeGuard(String member) {
        return "qdisc del dev " + member + " ingress";
    }

    private static String drop(String dev) {
        return "filter add dev " + dev + " " + INGRESS + " prio " + PRIO_DROP + " protocol all " + DROP;
    }

    private static String hex(int v) {
        return Integer.toHexString(v);
    }
}
