package io.twinlink.agent.io;

import io.twinlink.agent.netlink.InterfaceName;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.RawPacketListener;
import org.pcap4j.packet.namednumber.DataLinkType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link FrameTransport} over one pcap handle (pcap4j on the system libpcap).
 *
 * <ul>
 *   <li>Not promiscuous: the NIC is told about the control group addresses instead
 *       ({@link MulticastMembership}).</li>
 *   <li>A kernel BPF filter ({@value #FILTER}) so the agent never copies data traffic.</li>
 *   <li>Inbound only ({@code pcap_setdirection(PCAP_D_IN)}): our own transmissions are not
 *       captured back.</li>
 *   <li>Immediate mode: each frame is handed over as soon as it arrives, not when a buffer
 *       block fills (TPACKET_V3 would otherwise hold frames up to the timeout).</li>
 *   <li>Policed: each talker on the wire may hand over a bounded rate of frames
 *       ({@link IngressPolicer}); the excess of a flood is dropped here and counted.</li>
 *   <li>Non-blocking, read by the process's one capture thread ({@link PcapReceiver}) when
 *       poll(2) says the handle has frames: no thread per port.</li>
 *   <li>A ring sized by the number of ports ({@link #ringBytesFor}): control traffic is a few
 *       frames a second per port, but a flood must not crowd the partner's frames out.</li>
 * </ul>
 *
 * A capture error (the interface was set down, or deleted) does not close the port: the
 * socket keeps its binding and delivers again once the interface is back.
 */
public final class PcapFrameTransport implements FrameTransport {

    /** Slow Protocols (LACP, Marker) by EtherType, IEEE and PVST+ BPDUs by group address. */
    public static final String FILTER =
            "ether proto 0x8809 or ether dst 01:80:c2:00:00:00 or ether dst 01:00:0c:cc:cc:cd";

    /**
     * A whole untagged or tagged Ethernet frame: larger than any control frame (an MSTP BPDU
     * with 64 MSTIs is under 1.2 KB), and small enough that libpcap fits two ring slots in a page.
     */
    private static final int SNAPLEN = 1522;
    /** Only bounds how long libpcap sleeps between its own checks; frames come immediately. */
    private static final int READ_TIMEOUT_MILLIS = 100;
    /**
     * The capture rings share {@value #RING_BUDGET_BYTES} octets, each between
     * {@value #MIN_RING_BYTES} and {@value #MAX_RING_BYTES}. libpcap slices a ring into frame
     * slots of MTU + headers (two to a page): 32 KB hold about twenty frames. A ring is
     * resident memory (at 256 KB each, 1024 ports took 500 MB), but it is also what rides out
     * the moments the one capture thread is not scheduled: under a 50 000 frames/s flood a
     * twenty-frame ring overflows in half a millisecond, and the partner's own LACPDUs are lost
     * with the flood. So a few ports get large rings and a thousand get small ones.
     */
    static final int RING_BUDGET_BYTES = 8 * 1024 * 1024;
    static final int MIN_RING_BYTES = 32 * 1024;
    static final int MAX_RING_BYTES = 1024 * 1024;
    /** Frames read from one handle per poll round, so one flooded port cannot starve the others. */
    private static final int MAX_FRAMES_PER_READ = 64;
    /** [IEEE 802.3 4.2.3.3] minFrameSize 64 octets, less the 4-octet FCS the NIC appends. */
    static final int MIN_FRAME_WITHOUT_FCS = 60;
    private static final int ETHERNET_HEADER = 14;

    private static final Logger LOG = LoggerFactory.getLogger(PcapFrameTransport.class);

    private final String port;
    private final PcapHandle handle;
    private final MulticastMembership membership;
    private final FrameListener listener;
    private final int selectableFd;
    private final PcapReceiver receiver;
    private final AtomicLong rx = new AtomicLong();
    private final AtomicLong tx = new AtomicLong();
    private final AtomicLong txErrors = new AtomicLong();
    /** Capture thread only (its counter is safe to read anywhere). */
    private final IngressPolicer policer = new IngressPolicer(System.nanoTime());
    private volatile long lastDrops;
    private volatile boolean closed;
    /** Capture thread only: the wait after a capture error, 0 while capture is healthy. */
    private long backoffMillis;
    /** Capture thread only: left out of the poll after an error, until {@link #resumeAt}. */
    private boolean suspended;
    /** Capture thread only: the {@link System#nanoTime()} a suspended port is polled again. */
    private long resumeAt;
    /** Capture thread only: this port's key in the receiver's epoll. */
    private long key = -1;
    private final RawPacketListener deliver = this::deliver;

    private PcapFrameTransport(String port, PcapHandle handle, MulticastMembership membership, FrameListener listener,
                               int selectableFd, PcapReceiver receiver) {
        this.port = port;
        this.handle = handle;
        this.membership = membership;
        this.listener = listener;
        this.selectableFd = selectableFd;
        this.receiver = receiver;
    }

    /** The capture ring of each port when the agent captures on {@code ports} ports. */
    public static int ringBytesFor(int ports) {
        return Math.max(MIN_RING_BYTES, Math.min(MAX_RING_BYTES, RING_BUDGET_BYTES / Math.max(1, ports)));
    }

    /** Opens {@code port} with the ring of an agent on a handful of ports. */
    public static PcapFrameTransport open(String port, FrameListener listener) throws FrameIoException {
        return open(port, listener, MAX_RING_BYTES);
    }

    /** Opens {@code port} and starts delivering its control frames to {@code listener}. */
    public static PcapFrameTransport open(String port, FrameListener listener, int ringBytes) throws FrameIoException {
        String problem = InterfaceName.problem(port);
        if (problem != null) {
            throw new FrameIoException(problem);
        }
        PcapLibrary.load();
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(port)
                    .snaplen(SNAPLEN)
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(READ_TIMEOUT_MILLIS)
                    .bufferSize(ringBytes)
                    .immediateMode(true)
                    .build();
        } catch (PcapNativeException e) {
            throw new FrameIoException("cannot capture on " + port + ": " + oneLine(e));
        }
        MulticastMembership membership = null;
        int fd;
        PcapReceiver receiver;
        try {
            if (handle.getDlt() != DataLinkType.EN10MB) {
                throw new FrameIoException(port + " is not an Ethernet interface (link type " + handle.getDlt() + ")");
            }
            handle.setDirection(PcapHandle.PcapDirection.IN);
            handle.setFilter(FILTER, BpfProgram.BpfCompileMode.OPTIMIZE);
            handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            fd = PcapHandles.selectableFd(handle);
            if (fd < 0) {
                throw new FrameIoException("libpcap gives no pollable descriptor for " + port);
            }
            receiver = PcapReceiver.shared();
            membership = MulticastMembership.join(port, MulticastMembership.CONTROL_GROUPS);
        } catch (PcapNativeException | NotOpenException e) {
            handle.close();
            throw new FrameIoException("cannot set up capture on " + port + ": " + oneLine(e));
        } catch (FrameIoException e) {
            handle.close();
            throw e;
        }
        PcapFrameTransport transport = new PcapFrameTransport(port, handle, membership, listener, fd, receiver);
        receiver.add(transport);
        return transport;
    }

    @Override
    public String port() {
        return port;
    }

    @Override
    public void send(byte[] frame) throws FrameIoException {
        if (frame.length < ETHERNET_HEADER) {
            throw new FrameIoException("cannot send a " + frame.length + "-octet frame on " + port
                    + ": shorter than an Ethernet header");
        }
        byte[] wire = frame.length >= MIN_FRAME_WITHOUT_FCS ? frame : Arrays.copyOf(frame, MIN_FRAME_WITHOUT_FCS);
        try {
            handle.sendPacket(wire);
            tx.incrementAndGet();
        } catch (PcapNativeException | NotOpenException e) {
            txErrors.incrementAndGet();
            throw new FrameIoException("send on " + port + " failed: " + oneLine(e));
        }
    }

    @Override
    public FrameCounters counters() {
        if (!closed) {
            try {
                PcapStat stat = handle.getStats();
                lastDrops = stat.getNumPacketsDropped() + stat.getNumPacketsDroppedByIf();
            } catch (PcapNativeException | NotOpenException e) {
                // keep the last figure: the handle is closing
            }
        }
        return new FrameCounters(rx.get(), tx.get(), txErrors.get(), lastDrops, policer.dropped());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        receiver.remove(this); // after this the capture thread no longer reads the handle
        handle.close();
        membership.close();
    }

    int selectableFd() {
        return selectableFd;
    }

    /** Capture thread only: whether this port is left out of the poll after an error. */
    boolean suspended() {
        return suspended;
    }

    /** Capture thread only: when a suspended port may be polled again. */
    long resumeAt() {
        return resumeAt;
    }

    /** Capture thread only: poll this port again. */
    void resume() {
        suspended = false;
    }

    /** Capture thread only: the receiver registered this port under {@code key}. */
    void attach(long epollKey) {
        this.key = epollKey;
    }

    long key() {
        return key;
    }

    /** Capture thread only: the handle has frames (or an error) to read. */
    void readAvailable() {
        if (closed) {
            return;
        }
        try {
            handle.dispatch(MAX_FRAMES_PER_READ, deliver);
        } catch (InterruptedException e) {
            // pcap_breakloop: nobody calls it any more
        } catch (NotOpenException e) {
            suspended = true; // closing: the receiver drops it next
            resumeAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        } catch (PcapNativeException e) {
            if (closed) {
                return;
            }
            // e.g. "The interface went down": log once per outage, leave the port out of the poll a while
            if (backoffMillis == 0) {
                LOG.info("capture on {} interrupted: {}", port, oneLine(e));
            }
            backoffMillis = Math.min(Math.max(backoffMillis * 2, 10), 1000);
            suspended = true;
            resumeAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis);
        }
    }

    private void deliver(byte[] frame) {
        long now = System.nanoTime();
        if (closed) {
            return;
        }
        backoffMillis = 0;
        if (!policer.admit(frame, now)) {
            return;
        }
        rx.incrementAndGet();
        try {
            listener.frameReceived(new ReceivedFrame(port, frame, now));
        } catch (RuntimeException e) {
            LOG.warn("frame listener of {} failed: {}", port, e.toString());
        }
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ').strip();
    }
}
