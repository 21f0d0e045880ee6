package io.twinlink.agent.daemon;

/** Where the runtime sends a whole Ethernet frame out of a member port. */
@FunctionalInterface
public interface FrameSink {
    void send(String port, byte[] frame);
}
