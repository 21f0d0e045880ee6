package io.twinlink.agent.netlink;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A NETLINK_ROUTE socket in the network namespace of the thread that opens it (that is how
 * the kernel binds sockets; the agent itself is started inside a namespace with
 * {@code ip netns exec}, so it needs no namespace code).
 *
 * <p>A receive can be woken from another thread ({@link #wake()}): the socket is polled
 * together with an eventfd, so closing never waits for traffic.
 */
public final class RouteSocket implements AutoCloseable {

    /** Large enough for the biggest dump datagram the kernel builds (it sizes them to 32 KiB). */
    private static final int BUFFER = 64 * 1024;
    private static final int POLLFD_SIZE = 8;

    private final Libc libc = Libc.INSTANCE;
    private final int fd;
    private final int wakeFd;
    private final Memory buffer = new Memory(BUFFER);
    private final Memory pollFds = new Memory(2L * POLLFD_SIZE);
    private volatile boolean closed;

    private RouteSocket(int fd, int wakeFd) {
        this.fd = fd;
        this.wakeFd = wakeFd;
    }

    /**
     * Opens and binds a socket.
     *
     * @param groups multicast groups to join ({@link Rtnetlink#RTMGRP_LINK}), 0 for requests only
     */
    public static RouteSocket open(int groups) throws NetlinkException {
        Libc libc = Libc.INSTANCE;
        int fd;
        try {
            fd = libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Rtnetlink.NETLINK_ROUTE);
        } catch (LastErrorException e) {
            throw failure("cannot open a netlink socket", e);
        }
        int wake = -1;
        try {
            ByteBuffer addr = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder());
            addr.putShort((short) Libc.AF_NETLINK).putShort((short) 0).putInt(0).putInt(groups);
            libc.bind(fd, addr.array(), 12);
            // the kernel's own reason ("Device can not be enslaved while up") beats a bare errno
            optionOn(libc, fd, Rtnetlink.NETLINK_EXT_ACK);
            optionOn(libc, fd, Rtnetlink.NETLINK_CAP_ACK);
            if (groups != 0) {
                // a burst of link events must not overflow the queue (ENOBUFS forces a resync)
                libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, intBytes(1 << 20), 4);
            }
            wake = libc.eventfd(0, Libc.EFD_CLOEXEC);
            return new RouteSocket(fd, wake);
        } catch (LastErrorException e) {
            libc.close(fd);
            if (wake >= 0) {
                libc.close(wake);
            }
            throw failure("cannot set up a netlink socket", e);
        }
    }

    public void send(byte[] message) throws NetlinkException {
        try {
            libc.send(fd, message, message.length, 0);
        } catch (LastErrorException e) {
            throw failure("netlink send failed", e);
        }
    }

    /**
     * Waits for the next datagram.
     *
     * @param timeoutMillis -1 to wait forever
     * @return the datagram (valid until the next receive), or {@code null} when woken,
     *         closed, or the timeout passed
     * @throws NetlinkException on a socket error; {@link NetlinkException#errno()} is
     *         {@link Libc#ENOBUFS} when the kernel had to drop messages for us
     */
    public ByteBuffer receive(int timeoutMillis) throws NetlinkException {
        while (!closed) {
            pollFds.setInt(0, fd);
            pollFds.setShort(4, (short) Libc.POLLIN);
            pollFds.setShort(6, (short) 0);
            pollFds.setInt(8, wakeFd);
            pollFds.setShort(12, (short) Libc.POLLIN);
            pollFds.setShort(14, (short) 0);
            int ready;
            try {
                ready = libc.poll(pollFds, 2, timeoutMillis);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Libc.EINTR) {
                    continue;
                }
                throw failure("netlink poll failed", e);
            }
            if (ready == 0 || closed || pollFds.getShort(14) != 0) {
                return null;
            }
            try {
                long n = libc.recv(fd, buffer, BUFFER, Libc.MSG_DONTWAIT);
                return buffer.getByteBuffer(0, n).order(ByteOrder.nativeOrder());
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Libc.EAGAIN || e.getErrorCode() == Libc.EINTR) {
                    continue;
                }
                throw failure("netlink receive failed", e);
            }
        }
        return null;
    }

    /** Makes a pending or the next {@link #receive} return {@code null}. */
    public void wake() {
        try {
            libc.write(wakeFd, longBytes(1), 8);
        } catch (LastErrorException e) {
            // the counter can only overflow after 2^64 wakes: nothing to do
        }
    }

    /**
     * Releases the socket. Call it only once no thread is inside {@link #receive} (wake the
     * reader and join it first): a descriptor closed under a running call could be reused.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        libc.close(fd);
        libc.close(wakeFd);
    }

    private static void optionOn(Libc libc, int fd, int option) {
        try {
            libc.setsockopt(fd, Libc.SOL_NETLINK, option, intBytes(1), 4);
        } catch (LastErrorException e) {
            // older kernels: plain errnos still work
        }
    }

    static NetlinkException failure(String what, LastErrorException e) {
        int errno = e.getErrorCode();
        return new NetlinkException(what + ": " + Libc.INSTANCE.strerror(errno), errno);
    }

    private static byte[] intBytes(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(v).array();
    }
}
