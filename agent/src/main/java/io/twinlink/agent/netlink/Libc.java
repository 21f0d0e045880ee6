package io.twinlink.agent.netlink;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few libc calls the agent needs to reach the kernel directly (netlink sockets, packet
 * socket options, ethtool ioctl). Sizes follow LP64 Linux (x86_64, aarch64): {@code size_t}
 * and {@code ssize_t} are Java {@code long}.
 *
 * <p>Every call that can fail declares {@link LastErrorException}, so JNA captures
 * {@code errno} at once, before the JVM can overwrite it.
 */
public interface Libc extends Library {

    Libc INSTANCE = Native.load("c", Libc.class);

    int AF_NETLINK = 16;
    int AF_PACKET = 17;
    int AF_INET = 2;
    int SOCK_DGRAM = 2;
    int SOCK_RAW = 3;
    int SOCK_CLOEXEC = 0x80000;
    int SOL_SOCKET = 1;
    int SO_RCVBUF = 8;
    int SOL_PACKET = 263;
    int SOL_NETLINK = 270;
    int POLLIN = 0x1;
    int EFD_CLOEXEC = 0x80000;
    int MSG_DONTWAIT = 0x40;

    int EINTR = 4;
    int EAGAIN = 11;
    int ENOBUFS = 105;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int fd, byte[] address, int length) throws LastErrorException;

    int setsockopt(int fd, int level, int option, byte[] value, int length) throws LastErrorException;

    long send(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

    long recv(int fd, Pointer buffer, long length, int flags) throws LastErrorException;

    int poll(Pointer fds, long count, int timeoutMillis) throws LastErrorException;

    int eventfd(int initial, int flags) throws LastErrorException;

    long read(int fd, byte[] buffer, long count) throws LastErrorException;

    long write(int fd, byte[] buffer, long count) throws LastErrorException;

    int ioctl(int fd, long request, Pointer argument) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    /** Returns 0 when there is no such interface (no exception: absence is an answer). */
    int if_nametoindex(String name);

    /** A readable form of an errno, e.g. "No such device". */
    String strerror(int errno);
}
