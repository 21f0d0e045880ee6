package io.twinlink.agent.daemon;

/** Records every protocol frame sent or received, for Wireshark (config {@code capture:}). */
public interface CaptureSink {

    CaptureSink NONE = (port, direction, frame) -> { };

    enum Direction { RX, TX }

    void record(String port, Direction direction, byte[] frame);
}
