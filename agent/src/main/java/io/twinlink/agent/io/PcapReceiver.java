package io.twinlink.agent.io;

import com.sun.jna.LastErrorException;
import io.twinlink.agent.netlink.Libc;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that waits, in one epoll, on the capture of every open port and reads whichever
 * has frames. With a thread per port, a thousand ports meant a thousand threads (and their
 * stacks) and, on close, a thousand waits for a blocked pcap_loop to notice its break; here a
 * port is added and removed between two waits, and a wait costs the same for ten ports or a
 * thousand.
 *
 * <p>A port whose capture fails (the interface went down, or was deleted) is left out for a
 * while, 10 ms doubling up to 1 s, and then tried again: its socket keeps its binding and
 * delivers again once the interface is back, as before.
 */
final class PcapReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(PcapReceiver.class);
    private static final long WAKE_KEY = -1;
    private static final int READY_AT_ONCE = 64;

    private static PcapReceiver shared;

    private final int wakeFd;
    private final Epoll epoll;
    private final ConcurrentLinkedQueue<Runnable> changes = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final byte[] counter = new byte[8];
    /** Receiver thread only: ports by their epoll key. */
    private final Map<Long, PcapFrameTransport> ports = new HashMap<>();
    /** Receiver thread only: ports left out after an error. */
    private final List<PcapFrameTransport> suspended = new ArrayList<>();
    private long nextKey;

    private PcapReceiver(int wakeFd, Epoll epoll) {
        this.wakeFd = wakeFd;
        this.epoll = epoll;
        this.thread = new Thread(this::run, "twinlink-rx");
        this.thread.setDaemon(true);
    }

    /** The process's receiver, started on first use; it lives as long as the process. */
    static synchronized PcapReceiver shared() throws FrameIoException {
        if (shared == null) {
            int fd;
            try {
                fd = Libc.INSTANCE.eventfd(0, Libc.EFD_CLOEXEC);
            } catch (LastErrorException e) {
                throw new FrameIoException("cannot create the capture thread's wake-up eventfd: "
                        + Libc.INSTANCE.strerror(e.getErrorCode()));
            }
            Epoll epoll = new Epoll(READY_AT_ONCE);
            try {
                epoll.add(fd, WAKE_KEY);
            } catch (LastErrorException e) {
                epoll.close();
                throw new FrameIoException("cannot watch the capture thread's eventfd: "
                        + Libc.INSTANCE.strerror(e.getErrorCode()));
            }
            shared = new PcapReceiver(fd, epoll);
            shared.thread.start();
        }
        return shared;
    }

    /** From now on the receiver reads {@code port}'s frames. */
    void add(PcapFrameTransport port) {
        changes.add(() -> {
            long key = nextKey++;
            try {
                epoll.add(port.selectableFd(), key);
                ports.put(key, port);
                port.attach(key);
            } catch (LastErrorException e) {
                LOG.warn("cannot watch the capture of {}: {}", port.port(), Libc.INSTANCE.strerror(e.getErrorCode()));
            }
        });
        wake();
    }

    /** Returns once the receiver no longer touches {@code port}'s handle (it may be closed then). */
    void remove(PcapFrameTransport port) {
        Runnable removal = () -> {
            ports.remove(port.key());
            suspended.remove(port);
            try {
                epoll.remove(port.selectableFd());
            } catch (LastErrorException e) {
                // not registered (its add failed): nothing to undo
            }
        };
        if (Thread.currentThread() == thread) {
            removal.run();
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        changes.add(() -> {
            removal.run();
            done.countDown();
        });
        wake();
        try {
            if (!done.await(5, TimeUnit.SECONDS)) {
                LOG.warn("capture thread did not let go of {} within 5 s", port.port());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void wake() {
        byte[] one = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(1).array();
        try {
            Libc.INSTANCE.write(wakeFd, one, 8);
        } catch (LastErrorException e) {
            LOG.warn("cannot wake the capture thread: {}", Libc.INSTANCE.strerror(e.getErrorCode()));
        }
    }

    private void run() {
        while (true) {
            for (Runnable change = changes.poll(); change != null; change = changes.poll()) {
                change.run();
            }
            int timeout = resumeSuspended();
            int ready;
            try {
                ready = epoll.await(timeout);
            } catch (LastErrorException e) {
                LOG.warn("capture wait failed: {}", Libc.INSTANCE.strerror(e.getErrorCode()));
                sleep(10);
                continue;
            }
            for (int i = 0; i < ready; i++) {
                long key = epoll.key(i);
                if (key == WAKE_KEY) {
                    try {
                        Libc.INSTANCE.read(wakeFd, counter, 8);
                    } catch (LastErrorException e) {
                        // counter already read: nothing pending
                    }
                    continue;
                }
                PcapFrameTransport port = ports.get(key);
                if (port == null || port.suspended()) {
                    continue;
                }
                try {
                    port.readAvailable();
                } catch (RuntimeException e) {
                    // one port's trouble must not end the capture of all the others
                    LOG.warn("capture on {} failed: {}", port.port(), e.toString());
                }
                if (port.suspended()) {
                    watch(port, false);
                    suspended.add(port);
                }
            }
        }
    }

    /** Puts back the suspended ports whose time has come; returns the wait until the next one (-1: none). */
    private int resumeSuspended() {
        if (suspended.isEmpty()) {
            return -1;
        }
        long now = System.nanoTime();
        long next = Long.MAX_VALUE;
        for (int i = suspended.size() - 1; i >= 0; i--) {
            PcapFrameTransport p = suspended.get(i);
            long left = p.resumeAt() - now;
            if (left <= 0) {
                p.resume();
                suspended.remove(i);
                watch(p, true);
            } else {
                next = Math.min(next, left);
            }
        }
        return next == Long.MAX_VALUE ? -1 : (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(next));
    }

    private void watch(PcapFrameTransport port, boolean input) {
        try {
            epoll.watch(port.selectableFd(), port.key(), input);
        } catch (LastErrorException e) {
            LOG.warn("cannot {} the capture of {}: {}", input ? "resume" : "suspend", port.port(),
                    Libc.INSTANCE.strerror(e.getErrorCode()));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
