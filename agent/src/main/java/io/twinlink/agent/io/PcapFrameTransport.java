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
 * </ul>
 *
 * A capture error (the interface was set down, or deleted) does not end the thread: the
 * socket keeps its binding and delivers again once the interface is back.
 */
public final class PcapFrameTransport implements FrameTransport {

    /** Slow Protocols (LACP, Marker) by EtherType, IEEE and PVST+ BPDUs by group address. */
    public static final String FILTER =
            "ether proto 0x8809 or ether dst 01:80:c2:00:00:00 or ether dst 01:00:0c:cc:cc:cd";

    /** Larger than any control frame (an MSTP BPDU with 64 MSTIs is under 1.2 KB). */
    private static final int SNAPLEN = 2048;
    /** Only bounds how long libpcap sleeps between its own checks; frames come immediately. */
    private static final int READ_TIMEOUT_MILLIS = 100;
    /** The capture ring; control traffic is a few frames per second per port. */
    private static final int BUFFER_BYTES = 256 * 1024;
    /** [IEEE 802.3 4.2.3.3] minFrameSize 64 octets, less the 4-octet FCS the NIC appends. */
    static final int MIN_FRAME_WITHOUT_FCS = 60;
    private static final int ETHERNET_HEADER = 14;

    private static final Logger LOG = LoggerFactory.getLogger(PcapFrameTransport.class);

    private final String port;
    private final PcapHandle handle;
    private final MulticastMembership membership;
    private final FrameListener listener;
    private final Thread capture;
    private final AtomicLong rx = new AtomicLong();
    private final AtomicLong tx = new AtomicLong();
    private final AtomicLong txErrors = new AtomicLong();
    /** Capture thread only (its counter is safe to read anywhere). */
    private final IngressPolicer policer = new IngressPolicer(System.nanoTime());
    private volatile long lastDrops;
    private volatile boolean closed;
    /** Capture thread only: the wait after a capture error, 0 while capture is healthy. */
    private long backoffMillis;

    private PcapFrameTransport(String port, PcapHandle handle, MulticastMembership membership, FrameListener listener) {
        this.port = port;
        this.handle = handle;
        this.membership = membership;
        this.listener = listener;
        this.capture = new Thread(this::captureLoop, "twinlink-rx-" + port);
        this.capture.setDaemon(true);
    }

    /** Opens {@code port} and starts delivering its control frames to {@code listener}. */
    public static PcapFrameTransport open(String port, FrameListener listener) throws FrameIoException {
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
                    .bufferSize(BUFFER_BYTES)
                    .immediateMode(true)
                    .build();
        } catch (PcapNativeException e) {
            throw new FrameIoException("cannot capture on " + port + ": " + oneLine(e));
        }
        MulticastMembership membership = null;
        try {
            if (handle.getDlt() != DataLinkType.EN10MB) {
                throw new FrameIoException(port + " is not an Ethernet interface (link type " + handle.getDlt() + ")");
            }
            handle.setDirection(PcapHandle.PcapDirection.IN);
            handle.setFilter(FILTER, BpfProgram.BpfCompileMode.OPTIMIZE);
            membership = MulticastMembership.join(port, MulticastMembership.CONTROL_GROUPS);
        } catch (PcapNativeException | NotOpenException e) {
            handle.close();
            throw new FrameIoException("cannot set up capture on " + port + ": " + oneLine(e));
        } catch (FrameIoException e) {
            handle.close();
            throw e;
        }
        PcapFrameTransport transport = new PcapFrameTransport(port, handle, membership, listener);
        transport.capture.start();
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
        try {
            handle.breakLoop();
        } catch (NotOpenException e) {
            // already closed
        }
        try {
            capture.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (capture.isAlive()) {
            LOG.warn("capture thread of {} did not stop within 5 s", port);
        }
        handle.close();
        membership.close();
    }

    private void captureLoop() {
        RawPacketListener deliver = this::deliver;
        while (!closed) {
            try {
                handle.loop(-1, deliver);
            } catch (InterruptedException e) {
                // pcap_breakloop: close() asked us to stop
            } catch (NotOpenException e) {
                return;
            } catch (PcapNativeException e) {
                if (closed) {
                    return;
                }
                // e.g. "The interface went down": log once per outage, wait without spinning
                if (backoffMillis == 0) {
                    LOG.info("capture on {} interrupted: {}", port, oneLine(e));
                }
                backoffMillis = Math.min(Math.max(backoffMillis * 2, 10), 1000);
                sleep(backoffMillis);
            }
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ').strip();
    }
}
