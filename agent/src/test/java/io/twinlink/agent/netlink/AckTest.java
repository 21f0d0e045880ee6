package io.twinlink.agent.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** NLMSG_ERROR answers: acknowledgements, bare errnos, and errors with the kernel's own text. */
class AckTest {

    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "golden bytes are little-endian");
    }

    @Test
    void bareErrnoAsTheKernelSentIt() throws Exception {
        // the kernel's answer to a RTM_GETLINK for a missing name (strace of iproute2): -ENODEV
        NetlinkMessage.Ack ack = ack("34000000 0200 0000 00000000 c0430000"
                + "edffffff" + "20000000 1000 0500 00000000 00000000 00000000 00000000 00000000 00000000");
        assertThat(ack.errno()).isEqualTo(19);
        assertThat(ack.kernelMessage()).isNull();
    }

    @Test
    void plainAcknowledgement() throws Exception {
        NetlinkMessage.Ack ack = ack("24000000 0200 0001 05000000 00000000" + "00000000"
                + "20000000 1000 0500 05000000 00000000");
        assertThat(ack.errno()).isZero();
    }

    @Test
    void cappedErrorWithExtendedAckMessage() throws Exception {
        // NETLINK_CAP_ACK + NETLINK_EXT_ACK: errno, the request's header only, then NLMSGERR_ATTR_MSG
        NetlinkMessage.Ack ack = ack("48000000 0200 0003 09000000 00000000"   // flags CAPPED|ACK_TLVS
                + "eaffffff"                                                      // -EINVAL
                + "28000000 1000 0500 09000000 00000000"                          // echoed nlmsghdr
                + "2400 0100 6d7475206772656174657220746861" + "6e20646576696365206d6178696d756d2e00"); // 36: "mtu greater than device maximum."
        assertThat(ack.errno()).isEqualTo(22);
        assertThat(ack.kernelMessage()).isEqualTo("mtu greater than device maximum.");
    }

    private static NetlinkMessage.Ack ack(String hex) throws NetlinkException {
        var ms = NetlinkMessage.split(ByteBuffer.wrap(Hex.bytes(hex)).order(ByteOrder.nativeOrder()));
        assertThat(ms).hasSize(1);
        assertThat(ms.get(0).type()).isEqualTo(Rtnetlink.NLMSG_ERROR);
        return NetlinkMessage.Ack.parse(ms.get(0));
    }
}
