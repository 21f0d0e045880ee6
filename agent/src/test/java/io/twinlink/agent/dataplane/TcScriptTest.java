package io.twinlink.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TcScriptTest {

    @Test
    void distributorBuildsTheTwoLevelHash() {
        List<String> lines = TcScript.distributor("tl0dp");
        // qdisc, 16 slot tables, 16 port tables with 16 buckets each, 2 family tables with 16
        // buckets each, 2 root knodes, the unhashed catch-all, the drop
        assertThat(lines).hasSize(1 + 16 + 16 * 17 + 2 * 17 + 2 + 1 + 1);
        assertThat(lines.get(0)).isEqualTo("qdisc add dev tl0dp ingress");
        assertThat(lines).contains(
                "filter add dev tl0dp parent ffff: prio 10 protocol all handle 2f: u32 divisor 1",
                // bucket (a=3, b=5) of the port tables leads to slot 3 ^ 5 = 6
                "filter add dev tl0dp parent ffff: prio 10 protocol all handle 13:5:1 u32 ht 13:5: match u32 0 0 link 26:",
                "filter add dev tl0dp parent ffff: prio 10 protocol all handle 4:3:1 u32 ht 4:3: match u32 0 0 hashkey mask 0x0000000f at 20 link 13:",
                "filter add dev tl0dp parent ffff: prio 10 protocol all handle 6:3:1 u32 ht 6:3: match u32 0 0 hashkey mask 0x0000000f at 40 link 13:",
                "filter add dev tl0dp parent ffff: prio 10 protocol all u32 match u32 0x00000800 0x0000ffff at -4 hashkey mask 0x000f0000 at 20 link 4:",
                "filter add dev tl0dp parent ffff: prio 10 protocol all u32 match u32 0x000086dd 0x0000ffff at -4 hashkey mask 0x000f0000 at 40 link 6:",
                "filter add dev tl0dp parent ffff: prio 20 protocol all u32 match u32 0 0 at -12 link 20:");
        assertThat(lines.get(lines.size() - 1))
                .isEqualTo("filter add dev tl0dp parent ffff: prio 30 protocol all bpf bytecode '1,6 0 0 2' da");
        // tables are created before anything links to them
        assertThat(lines.indexOf("filter add dev tl0dp parent ffff: prio 10 protocol all handle 26: u32 divisor 1"))
                .isLessThan(lines.indexOf("filter add dev tl0dp parent ffff: prio 10 protocol all handle 13:5:1 u32 ht 13:5: match u32 0 0 link 26:"));
    }

    @Test
    void memberGuardPassesControlFramesAndDropsTheRest() {
        assertThat(TcScript.memberGuard("eth1")).containsExactly(
                "qdisc add dev eth1 ingress",
                "filter add dev eth1 parent ffff: prio 1 protocol all u32 match u32 0x00008809 0x0000ffff at -4 classid ffff:1",
                "filter add dev eth1 parent ffff: prio 1 protocol all u32 match u32 0x00000180 0x0000ffff at -16 match u32 0xc2000000 0xfffffff0 at -12 classid ffff:1",
                "filter add dev eth1 parent ffff: prio 1 protocol all u32 match u32 0x00000100 0x0000ffff at -16 match u32 0x0ccccccd 0xffffffff at -12 classid ffff:1",
                "filter add dev eth1 parent ffff: prio 30 protocol all bpf bytecode '1,6 0 0 2' da");
    }

    /** {@code tc filter show dev m1 ingress} after {@link TcScript#memberGuard} and the collecting redirect (iproute2 6.1). */
    private static final String GUARD_SHOWN = """
            filter parent ffff: protocol all pref 1 u32 chain 0 
            filter parent ffff: protocol all pref 1 u32 chain 0 fh 800: ht divisor 1 
            filter parent ffff: protocol all pref 1 u32 chain 0 fh 800::800 order 2048 key ht 800 bkt 0 *flowid ffff:1 not_in_hw 
              match 00008809/0000ffff at -4
            filter parent ffff: protocol all pref 1 u32 chain 0 fh 800::801 order 2049 key ht 800 bkt 0 *flowid ffff:1 not_in_hw 
              match 00000180/0000ffff at -16
              match c2000000/fffffff0 at -12
            filter parent ffff: protocol all pref 10 u32 chain 0 
            filter parent ffff: protocol all pref 10 u32 chain 0 fh 801: ht divisor 1 
            filter parent ffff: protocol all pref 10 u32 chain 0 fh 801::800 order 2048 key ht 801 bkt 0 terminal flowid not_in_hw 
              match 00000000/00000000 at -12
            	action order 1: mirred (Egress Redirect to device b0dp) stolen
            filter parent ffff: protocol all pref 30 bpf chain 0 
            filter parent ffff: protocol all pref 30 bpf chain 0 handle 0x1 direct-action not_in_hw bytecode '1,6 0 0 2'
            """;

    @Test
    void ourMemberGuardIsRecognisedAndNothingElse() {
        assertThat(TcScript.isMemberGuard(GUARD_SHOWN)).isTrue();
        assertThat(TcScript.showGuard("eth1")).isEqualTo("filter show dev eth1 ingress");
        // someone else's filter beside ours, another drop program, no drop, nothing at all: not ours
        assertThat(TcScript.isMemberGuard(GUARD_SHOWN + "filter parent ffff: protocol ip pref 5 flower chain 0 \n")).isFalse();
        assertThat(TcScript.isMemberGuard(GUARD_SHOWN.replace("'1,6 0 0 2'", "'1,6 0 0 0'"))).isFalse();
        assertThat(TcScript.isMemberGuard(GUARD_SHOWN.lines().filter(l -> !l.contains("pref 30")).reduce("", (a, b) -> a + b + "\n")))
                .isFalse();
        assertThat(TcScript.isMemberGuard("")).isFalse();
    }

    @Test
    void peerNamesFitIfnamsiz() {
        assertThat(TcDataplane.peerName("bond0")).isEqualTo("bond0dp");
        assertThat(TcDataplane.peerName("a234567890123")).isEqualTo("a234567890123dp");
        String longName = "a23456789012345";
        assertThat(TcDataplane.peerName(longName)).hasSize(15).endsWith("dp").startsWith("a23456789");
        assertThat(TcDataplane.peerName(longName)).isNotEqualTo(TcDataplane.peerName("a23456789012346"));
    }

    @Test
    void tcFailureNamesTheCommandAndTcsReason() {
        List<String> commands = List.of("qdisc add dev eth1 ingress", "filter add dev eth1 parent ffff: prio 1 u32 match u32 0 0");
        String output = "Error: Exclusivity flag on, cannot modify.\nWe have an error talking to the kernel\nCommand failed -:1\n";
        assertThat(TcBatch.describe(commands, output))
                .isEqualTo("tc qdisc add dev eth1 ingress: Error: Exclusivity flag on, cannot modify.");
        assertThat(TcBatch.describe(commands, "garbage\n")).isEqualTo("tc -batch: garbage");
    }
}
