package io.twinlink.agent.netlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes: each request is octet for octet what iproute2 6.1's {@code tc} sent for the
 * command in the comment (captured with {@code strace -e write=all}; only the sequence number
 * differs). In that namespace aggdp was ifindex 3, m1 5 and m2 7.
 */
class FilterRequestsTest {

    private static final int SEQ = 0x6b09eb02;

    @BeforeAll
    static void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "golden bytes are little-endian");
    }

    @Test
    void replaceSlotRedirect() {
        // tc filter replace dev aggdp parent ffff: prio 10 protocol all handle 2a::1 u32 ht 2a:: \
        //    match u32 0 0 action mirred egress redirect dev m2
        assertThat(FilterRequests.replaceRedirect(3, 10, FilterRequests.u32Handle(0x2a, 0, 1), 7, SEQ)).isEqualTo(Hex.bytes("""
                94 00 00 00 2c 00 05 04 02 eb 09 6b 00 00 00 00
                00 00 00 00 03 00 00 00 01 00 a0 02 00 00 ff ff
                00 03 0a 00 08 00 01 00 75 33 32 00 68 00 02 00
                38 00 07 00 34 00 01 00 0b 00 01 00 6d 69 72 72
                65 64 00 00 24 00 02 80 20 00 02 00 00 00 00 00
                00 00 00 00 04 00 00 00 00 00 00 00 00 00 00 00
                01 00 00 00 07 00 00 00 08 00 02 00 00 00 a0 02
                24 00 05 00 01 00 01 00 00 00 00 00 00 00 00 00
                00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                00 00 00 00"""));
    }

    @Test
    void deleteSlot() {
        // tc filter del dev aggdp parent ffff: prio 10 protocol all handle 2a::1 u32
        assertThat(FilterRequests.deleteU32(3, 10, FilterRequests.u32Handle(0x2a, 0, 1), SEQ)).isEqualTo(Hex.bytes("""
                2c 00 00 00 2d 00 05 00 02 eb 09 6b 00 00 00 00
                00 00 00 00 03 00 00 00 01 00 a0 02 00 00 ff ff
                00 03 0a 00 08 00 01 00 75 33 32 00"""));
    }

    @Test
    void addCollectingRedirect() {
        // tc filter add dev m1 parent ffff: prio 10 protocol all u32 match u32 0 0 at -12 \
        //    action mirred egress redirect dev aggdp
        assertThat(FilterRequests.addRedirect(5, 10, -12, 3, SEQ + 1)).isEqualTo(Hex.bytes("""
                8c 00 00 00 2c 00 05 06 03 eb 09 6b 00 00 00 00
                00 00 00 00 05 00 00 00 00 00 00 00 00 00 ff ff
                00 03 0a 00 08 00 01 00 75 33 32 00 60 00 02 00
                38 00 07 00 34 00 01 00 0b 00 01 00 6d 69 72 72
                65 64 00 00 24 00 02 80 20 00 02 00 00 00 00 00
                00 00 00 00 04 00 00 00 00 00 00 00 00 00 00 00
                01 00 00 00 03 00 00 00 24 00 05 00 01 00 01 00
                00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
                00 00 00 00 f4 ff ff ff 00 00 00 00"""));
    }

    @Test
    void deleteWholePriority() {
        // tc filter del dev m1 parent ffff: prio 10
        assertThat(FilterRequests.deletePriority(5, 10, SEQ + 1)).isEqualTo(Hex.bytes("""
                24 00 00 00 2d 00 05 00 03 eb 09 6b 00 00 00 00
                00 00 00 00 05 00 00 00 00 00 00 00 00 00 ff ff
                00 00 0a 00"""));
    }
}
