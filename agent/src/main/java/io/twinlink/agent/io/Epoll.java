package io.twinlink.agent.io;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.twinlink.agent.netlink.Libc;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An epoll(7) instance: descriptors are registered once, and a wait returns only the ready
 * ones, however many are registered (poll(2) looks at all of them on every call, which at a
 * thousand capture descriptors and a thousand frames a second was the capture thread's time).
 *
 * <pre>
 * struct epoll_event { uint32_t events; uint64_t data; }  12 octets, packed, on x86-64; 16 elsewhere
 * </pre>
 */
final class Epoll implements AutoCloseable {

    static final int EPOLLIN = 0x1;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLL_CTL_DEL = 2;
    private static final int EPOLL_CTL_MOD = 3;
    private static final int EPOLL_CLOEXEC = 0x80000;
    /** The kernel packs the struct on x86-64 only (its ABI predates 64-bit alignment rules there). */
    private static final int EVENT_SIZE = "amd64".equals(System.getProperty("os.arch"))
            || "x86_64".equals(System.getProperty("os.arch")) ? 12 : 16;
    private static final int DATA_OFFSET = EVENT_SIZE == 12 ? 4 : 8;

    private interface Calls extends Library {
        Calls INSTANCE = Native.load("c", Calls.class);

        int epoll_create1(int flags) throws LastErrorException;

        int epoll_ctl(int epfd, int op, int fd, Pointer event) throws LastErrorException;

        int epoll_wait(int epfd, Pointer events, int maxEvents, int timeoutMillis) throws LastErrorException;
    }

    private final int epfd;
    private final Memory one = new Memory(EVENT_SIZE);
    private final Memory ready;
    private final ByteBuffer readyView;
    private final int capacity;

    /** @param capacity how many ready descriptors one {@link #await} reports at most */
    Epoll(int capacity) throws FrameIoException {
        try {
            epfd = Calls.INSTANCE.epoll_create1(EPOLL_CLOEXEC);
        } catch (LastErrorException e) {
            throw new FrameIoException("epoll_create1: " + Libc.INSTANCE.strerror(e.getErrorCode()));
        }
        this.capacity = capacity;
        this.ready = new Memory((long) capacity * EVENT_SIZE);
        this.readyView = ready.getByteBuffer(0, ready.size()).order(ByteOrder.nativeOrder());
    }

    /** Watches {@code fd} for input; {@code key} comes back with it from {@link #await}. */
    void add(int fd, long key) throws LastErrorException {
        Calls.INSTANCE.epoll_ctl(epfd, EPOLL_CTL_ADD, fd, event(EPOLLIN, key));
    }

    /** Stops (events 0) or resumes (EPOLLIN) reporting {@code fd}, which stays registered. */
    void watch(int fd, long key, boolean input) throws LastErrorException {
        Calls.INSTANCE.epoll_ctl(epfd, EPOLL_CTL_MOD, fd, event(input ? EPOLLIN : 0, key));
    }

    void remove(int fd) throws LastErrorException {
        Calls.INSTANCE.epoll_ctl(epfd, EPOLL_CTL_DEL, fd, one);
    }

    /** Waits up to {@code timeoutMillis} (-1: forever); returns how many descriptors are ready (0 on EINTR). */
    int await(int timeoutMillis) throws LastErrorException {
        try {
            return Calls.INSTANCE.epoll_wait(epfd, ready, capacity, timeoutMillis);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Libc.EINTR) {
                return 0;
            }
            throw e;
        }
    }

    /** The key of the {@code i}-th ready descriptor of the last {@link #await}. */
    long key(int i) {
        return readyView.getLong(i * EVENT_SIZE + DATA_OFFSET);
    }

    private Pointer event(int events, long key) {
        one.setInt(0, events);
        one.setLong(DATA_OFFSET, key);
        return one;
    }

    @Override
    public void close() {
        Libc.INSTANCE.close(epfd);
    }
}
