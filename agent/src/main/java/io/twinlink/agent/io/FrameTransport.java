package io.twinlink.agent.io;

/**
 * Sends and receives the control frames of one port: Slow Protocols (LACP, Marker) and
 * BPDUs (IEEE and PVST+). Received frames go to the {@link FrameListener} the transport was
 * opened with, from a thread of its own; frames this port sent are not echoed back.
 */
public interface FrameTransport extends AutoCloseable {

    /** The interface name. */
    String port();

    /**
     * Sends one whole Ethernet frame (destination MAC first, no FCS). Frames shorter than the
     * 802.3 minimum are padded with zeros. Safe to call from any one thread while frames are
     * being received.
     */
    void send(byte[] frame) throws FrameIoException;

    FrameCounters counters();

    /** Stops the capture thread and releases the port; the listener is not called afterwards. */
    @Override
    void close();

    /** How the daemon gets transports, so tests can hand it in-memory ones. */
    @FunctionalInterface
    interface Opener {
        FrameTransport open(String port, FrameListener listener) throws FrameIoException;
    }
}
