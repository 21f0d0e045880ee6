package io.twinlink.agent.io;

import com.sun.jna.LastErrorException;
import io.twinlink.agent.netlink.Libc;
import io.twinlink.wire.MacAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Asks a port's NIC to accept the control protocols' group addresses. Without promiscuous
 * mode a NIC drops multicast it was not told about, and 01:80:c2:00:00:02 (Slow Protocols) is
 * in nobody's list unless a bond joined it [802.1AX 6.2.11]: the Linux bonding driver adds
 * it for the same reason. The membership belongs to a packet socket that receives nothing
 * (protocol 0) and ends when it is closed, or when the agent dies.
 *
 * <pre>
 * struct packet_mreq (16 octets): s32 ifindex | u16 type (PACKET_MR_MULTICAST=0) | u16 alen | u8 address[8]
 * </pre>
 */
final class MulticastMembership implements AutoCloseable {

    static final List<MacAddress> CONTROL_GROUPS =
            List.of(MacAddress.SLOW_PROTOCOLS, MacAddress.BRIDGE_GROUP, MacAddress.PVST);

    private static final int PACKET_ADD_MEMBERSHIP = 1;
    private static final int PACKET_MR_MULTICAST = 0;

    private final int fd;

    private MulticastMembership(int fd) {
        this.fd = fd;
    }

    static MulticastMembership join(String port, List<MacAddress> groups) throws FrameIoException {
        Libc libc = Libc.INSTANCE;
        int ifindex = libc.if_nametoindex(port);
        if (ifindex == 0) {
            throw new FrameIoException("no such interface \"" + port + "\"");
        }
        int fd;
        try {
            fd = libc.socket(Libc.AF_PACKET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new FrameIoException("cannot open a packet socket on " + port + ": " + libc.strerror(e.getErrorCode()));
        }
        try {
            for (MacAddress group : groups) {
                ByteBuffer mreq = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
                mreq.putInt(ifindex).putShort((short) PACKET_MR_MULTICAST).putShort((short) MacAddress.LENGTH);
                mreq.put(group.toBytes());
                libc.setsockopt(fd, Libc.SOL_PACKET, PACKET_ADD_MEMBERSHIP, mreq.array(), 16);
            }
        } catch (LastErrorException e) {
            libc.close(fd);
            throw new FrameIoException("cannot join the control multicast groups on " + port + ": "
                    + libc.strerror(e.getErrorCode()));
        }
        return new MulticastMembership(fd);
    }

    @Override
    public void close() {
        Libc.INSTANCE.close(fd);
    }
}
