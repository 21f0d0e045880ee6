package io.twinlink.agent.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes of every request, laid out by hand from the UAPI structures (nlmsghdr,
 * ifinfomsg, rtattr) in little-endian host order. The veth request's IFLA_INFO_DATA is
 * octet for octet what iproute2 6.1 sends for {@code ip link add tl0 type veth peer name tl0dp}
 * (seen with strace); the kernel accepting each request is checked by the integration tests.
 */
class LinkRequestsTest {

    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "golden bytes are little-endian");
    }

    private static final String NO_IFINFO = "00 00 0000 00000000 00000000 00000000";

    @Test
    void createVeth() {
        assertThat(LinkRequests.createVeth("tl0", "tl0dp", 1)).isEqualTo(Hex.bytes(
                "5c000000 1000 0506 01000000 00000000"   // len 92, RTM_NEWLINK, REQUEST|ACK|EXCL|CREATE, seq 1
                + NO_IFINFO
                + "0800 0300 746c3000"                  // IFLA_IFNAME "tl0"
                + "3400 1200"                           // IFLA_LINKINFO, 52
                + "  0900 0100 7665746800 000000"       //   IFLA_INFO_KIND "veth" + pad
                + "  2400 0200"                         //   IFLA_INFO_DATA, 36
                + "    2000 0100" + NO_IFINFO           //     VETH_INFO_PEER, 32: ifinfomsg
                + "    0a00 0300 746c30647000 0000"));  //     IFLA_IFNAME "tl0dp" + pad
    }

    @Test
    void createBalanceXorBondWithLayer34Hash() {
        assertThat(LinkRequests.createBalanceXorBond("bond0", 100, 7)).isEqualTo(Hex.bytes(
                "58000000 1000 0506 07000000 00000000"   // len 88
                + NO_IFINFO
                + "0a00 0300 626f6e643000 0000"          // IFLA_IFNAME "bond0"
                + "2c00 1200"                            // IFLA_LINKINFO, 44
                + "  0900 0100 626f6e6400 000000"        //   IFLA_INFO_KIND "bond"
                + "  1c00 0200"                          //   IFLA_INFO_DATA, 28
                + "    0500 0100 02 000000"              //     IFLA_BOND_MODE balance-xor (2)
                + "    0800 0300 64000000"               //     IFLA_BOND_MIIMON 100
                + "    0500 0e00 01 000000"));           //     IFLA_BOND_XMIT_HASH_POLICY layer3+4 (1)
    }

    @Test
    void setMasterAndNoMaster() {
        assertThat(LinkRequests.setMaster(5, 9, 3)).isEqualTo(Hex.bytes(
                "28000000 1000 0500 03000000 00000000"
                + "00 00 0000 05000000 00000000 00000000"
                + "0800 0a00 09000000"));                // IFLA_MASTER 9
        assertThat(LinkRequests.setMaster(5, 0, 4)).isEqualTo(Hex.bytes(
                "28000000 1000 0500 04000000 00000000"
                + "00 00 0000 05000000 00000000 00000000"
                + "0800 0a00 00000000"));
    }

    @Test
    void setAdminStateChangesOnlyIffUp() {
        assertThat(LinkRequests.setAdminUp(5, true, 4)).isEqualTo(Hex.bytes(
                "20000000 1000 0500 04000000 00000000"
                + "00 00 0000 05000000 01000000 01000000"));
        assertThat(LinkRequests.setAdminUp(5, false, 4)).isEqualTo(Hex.bytes(
                "20000000 1000 0500 04000000 00000000"
                + "00 00 0000 05000000 00000000 01000000"));
    }

    @Test
    void deleteByIndex() {
        assertThat(LinkRequests.delete(12, 6)).isEqualTo(Hex.bytes(
                "20000000 1100 0500 06000000 00000000"   // RTM_DELLINK, REQUEST|ACK
                + "00 00 0000 0c000000 00000000 00000000"));
    }

    @Test
    void getByNameSkipsStatistics() {
        assertThat(LinkRequests.get("eth1", 2)).isEqualTo(Hex.bytes(
                "34000000 1200 0100 02000000 00000000"   // len 52, RTM_GETLINK, REQUEST only
                + NO_IFINFO
                + "0800 1d00 08000000"                   // IFLA_EXT_MASK RTEXT_FILTER_SKIP_STATS
                + "0900 0300 6574683100 000000"));       // IFLA_IFNAME "eth1"
    }

    @Test
    void dumpAll() {
        assertThat(LinkRequests.dump(8)).isEqualTo(Hex.bytes(
                "28000000 1200 0103 08000000 00000000"   // REQUEST|DUMP
                + NO_IFINFO
                + "0800 1d00 08000000"));
    }
}
