package io.twinlink.agent.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.twinlink.wire.MacAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parsing real kernel answers: the resources are RTM_NEWLINK datagrams the 6.x kernel sent to
 * {@code ip -d link show dev tl0} (captured with {@code strace -e read=all}) for a veth pair
 * tl0 (02:00:00:00:00:01) / tl0dp, first with both ends up, then with tl0dp set down.
 */
class LinkStateTest {

    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "captures are little-endian");
    }

    @Test
    void vethWithCarrier() throws Exception {
        LinkState s = only(Hex.resource("/netlink/newlink-veth-up.hex"));
        assertThat(s.ifindex()).isEqualTo(3);
        assertThat(s.name()).isEqualTo("tl0");
        assertThat(s.mac()).isEqualTo(MacAddress.parse("02:00:00:00:00:01"));
        assertThat(s.adminUp()).isTrue();
        assertThat(s.carrier()).isTrue();
        assertThat(s.operState()).isEqualTo(OperState.UP);
        assertThat(s.master()).isZero();
        assertThat(s.kind()).isEqualTo("veth");
        assertThat(s.up()).isTrue();
    }

    @Test
    void peerDownMeansNoCarrierWhileStillAdminUp() throws Exception {
        LinkState s = only(Hex.resource("/netlink/newlink-veth-peer-down.hex"));
        assertThat(s.adminUp()).isTrue();
        assertThat(s.carrier()).isFalse();
        assertThat(s.operState()).isEqualTo(OperState.LOWERLAYERDOWN);
        assertThat(s.up()).isFalse();
    }

    @Test
    void everyTruncationFailsCleanly() {
        byte[] whole = Hex.resource("/netlink/newlink-veth-up.hex");
        for (int n = Rtnetlink.NLMSG_HDRLEN; n < whole.length; n++) {
            byte[] prefix = Arrays.copyOf(whole, n);
            assertThatThrownBy(() -> NetlinkMessage.split(ByteBuffer.wrap(prefix)))
                    .as("prefix of %d octets", n)
                    .isInstanceOf(NetlinkException.class)
                    .hasMessageContaining("malformed netlink message at offset 0");
        }
    }

    @Test
    void truncatedAttributeIsReportedWithItsOffset() {
        byte[] payload = Hex.bytes("00000000 03000000 43100100 00000000" + "0800 0300 746c");
        assertThatThrownBy(() -> LinkState.parse(ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder())))
                .isInstanceOf(NetlinkException.class)
                .hasMessage("malformed netlink attribute type 3 at offset 0: length 8 with 6 octets left");
    }

    @Test
    void shortIfinfoIsRejected() {
        assertThatThrownBy(() -> LinkState.parse(ByteBuffer.wrap(new byte[10])))
                .isInstanceOf(NetlinkException.class)
                .hasMessage("truncated link message (10 octets)");
    }

    @Test
    void datagramWithSeveralMessages() throws Exception {
        byte[] one = Hex.resource("/netlink/newlink-veth-up.hex");
        byte[] two = Hex.resource("/netlink/newlink-veth-peer-down.hex");
        byte[] both = new byte[one.length + two.length];
        System.arraycopy(one, 0, both, 0, one.length);
        System.arraycopy(two, 0, both, one.length, two.length);
        List<NetlinkMessage> ms = NetlinkMessage.split(ByteBuffer.wrap(both));
        assertThat(ms).extracting(NetlinkMessage::type).containsExactly(Rtnetlink.RTM_NEWLINK, Rtnetlink.RTM_NEWLINK);
        assertThat(LinkState.parse(ms.get(1).payload()).carrier()).isFalse();
    }

    private static LinkState only(byte[] datagram) throws NetlinkException {
        List<NetlinkMessage> ms = NetlinkMessage.split(ByteBuffer.wrap(datagram));
        assertThat(ms).hasSize(1);
        assertThat(ms.get(0).type()).isEqualTo(Rtnetlink.RTM_NEWLINK);
        return LinkState.parse(ms.get(0).payload());
    }
}
