package io.twinlink.agent.netlink;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Synchronous rtnetlink requests: one at a time, each answered by the kernel before the
 * call returns (an ack, an error with the kernel's reason, or the asked-for links).
 * Thread-safe; the socket belongs to the network namespace of the opening thread.
 */
public final class RouteNetlink implements AutoCloseable {

    /** The kernel answers link requests in microseconds; this only guards against a bug. */
    private static final int ANSWER_TIMEOUT_MILLIS = 5_000;
    private static final int ENODEV = 19;

    private final RouteSocket socket;
    private int sequence = (int) (System.nanoTime() & 0x3FFF_FFFF);

    private RouteNetlink(RouteSocket socket) {
        this.socket = socket;
    }

    public static RouteNetlink open() throws NetlinkException {
        return new RouteNetlink(RouteSocket.open(0));
    }

    /** The interface called {@code name}, or empty when there is none. */
    public synchronized Optional<LinkState> link(String name) throws NetlinkException {
        InterfaceName.check(name);
        int seq = ++sequence;
        socket.send(LinkRequests.get(name, seq));
        List<LinkState> found = new ArrayList<>();
        Answer answer = await(seq, "show link " + name, found);
        if (answer.errno == ENODEV) {
            return Optional.empty();
        }
        answer.throwIfFailed();
        return found.stream().findFirst();
    }

    /** Every interface of this network namespace. */
    public synchronized List<LinkState> links() throws NetlinkException {
        int seq = ++sequence;
        socket.send(LinkRequests.dump(seq));
        List<LinkState> found = new ArrayList<>();
        await(seq, "list links", found).throwIfFailed();
        return found;
    }

    /**
     * Sends a request that the kernel acknowledges (create, set, delete).
     *
     * @param request built with the given sequence number by one of {@link LinkRequests}
     * @param what    the operation in words, for the error message ({@code create veth tl0})
     */
    public synchronized void execute(RequestFactory request, String what) throws NetlinkException {
        int seq = ++sequence;
        socket.send(request.build(seq));
        await(seq, what, null).throwIfFailed();
    }

    /** Builds a request given its sequence number, e.g. {@code s -> LinkRequests.delete(7, s)}. */
    @FunctionalInterface
    public interface RequestFactory {
        byte[] build(int sequence);
    }

    /** The ifindex of an existing interface; fails with a clear message when it is missing. */
    public int ifindex(String name) throws NetlinkException {
        return link(name).orElseThrow(() -> new NetlinkException("no such interface \"" + name + "\"", ENODEV))
                .ifindex();
    }

    @Override
    public void close() {
        socket.close();
    }

    private Answer await(int seq, String what, List<LinkState> links) throws NetlinkException {
        while (true) {
            ByteBuffer datagram = socket.receive(ANSWER_TIMEOUT_MILLIS);
            if (datagram == null) {
                throw new NetlinkException(what + ": no answer from the kernel within "
                        + ANSWER_TIMEOUT_MILLIS + " ms");
            }
            for (NetlinkMessage m : NetlinkMessage.split(datagram)) {
                if (m.sequence() != seq) {
                    continue; // a late answer to an earlier request that timed out
                }
                switch (m.type()) {
                    case Rtnetlink.NLMSG_ERROR -> {
                        NetlinkMessage.Ack ack = NetlinkMessage.Ack.parse(m);
                        return new Answer(what, ack.errno(), ack.kernelMessage());
                    }
                    case Rtnetlink.NLMSG_DONE -> {
                        return new Answer(what, 0, null);
                    }
                    case Rtnetlink.RTM_NEWLINK -> {
                        if (links != null) {
                            links.add(LinkState.parse(m.payload()));
                        }
                        if ((m.flags() & Rtnetlink.NLM_F_MULTI) == 0) {
                            return new Answer(what, 0, null); // a single answer to a get
                        }
                    }
                    default -> {
                        // nothing else is sent in answer to link requests
                    }
                }
            }
        }
    }

    private record Answer(String what, int errno, String kernelMessage) {
        void throwIfFailed() throws NetlinkException {
            if (errno != 0) {
                String reason = kernelMessage != null && !kernelMessage.isBlank()
                        ? kernelMessage.strip() + " (" + Libc.INSTANCE.strerror(errno) + ")"
                        : Libc.INSTANCE.strerror(errno);
                throw new NetlinkException(what + ": " + reason, errno);
            }
        }
    }
}
