package io.twinlink.agent.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One message of a netlink datagram: the header fields and its payload (everything after the
 * 16-octet {@code nlmsghdr}), as a read-only little window in host byte order.
 */
public record NetlinkMessage(int type, int flags, int sequence, ByteBuffer payload) {

    /**
     * Splits a datagram into its messages [netlink(7): NLMSG_OK / NLMSG_NEXT].
     *
     * @throws NetlinkException when a length field points outside the datagram
     */
    public static List<NetlinkMessage> split(ByteBuffer datagram) throws NetlinkException {
        ByteBuffer in = datagram.slice().order(ByteOrder.nativeOrder());
        List<NetlinkMessage> out = new ArrayList<>();
        int at = 0;
        while (in.limit() - at >= Rtnetlink.NLMSG_HDRLEN) {
            int len = in.getInt(at);
            if (len < Rtnetlink.NLMSG_HDRLEN || len > in.limit() - at) {
                throw new NetlinkException("malformed netlink message at offset " + at + ": length " + len
                        + " with " + (in.limit() - at) + " octets left");
            }
            int type = in.getShort(at + 4) & 0xFFFF;
            int flags = in.getShort(at + 6) & 0xFFFF;
            int seq = in.getInt(at + 8);
            ByteBuffer payload = in.slice(at + Rtnetlink.NLMSG_HDRLEN, len - Rtnetlink.NLMSG_HDRLEN)
                    .asReadOnlyBuffer().order(ByteOrder.nativeOrder());
            out.add(new NetlinkMessage(type, flags, seq, payload));
            at += Rtnetlink.align4(len);
        }
        return out;
    }

    /**
     * The errno of an NLMSG_ERROR (0 is a plain acknowledgement), with the kernel's own
     * extended-ack text when it sent one ({@code "Device can not be enslaved while up"}).
     */
    public record Ack(int errno, String kernelMessage) {

        public static Ack parse(NetlinkMessage m) throws NetlinkException {
            ByteBuffer p = m.payload();
            if (p.limit() < 4 + Rtnetlink.NLMSG_HDRLEN) {
                throw new NetlinkException("truncated netlink error message (" + p.limit() + " octets)");
            }
            int errno = -p.getInt(0);
            String text = null;
            if ((m.flags() & Rtnetlink.NLM_F_ACK_TLVS) != 0) {
                // the echoed request is only its header when capped, else header plus payload
                int echoed = (m.flags() & Rtnetlink.NLM_F_CAPPED) != 0
                        ? Rtnetlink.NLMSG_HDRLEN : p.getInt(4);
                int tlvs = 4 + Rtnetlink.align4(echoed);
                if (tlvs <= p.limit()) {
                    ByteBuffer msg = Attributes.parse(p.slice(tlvs, p.limit() - tlvs)).get(Rtnetlink.NLMSGERR_ATTR_MSG);
                    if (msg != null) {
                        text = Attributes.string(msg);
                    }
                }
            }
            return new Ack(errno, text);
        }
    }
}
