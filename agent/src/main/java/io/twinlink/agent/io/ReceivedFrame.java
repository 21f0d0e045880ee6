package io.twinlink.agent.io;

/**
 * A frame as captured on a member port.
 *
 * @param port          the interface it arrived on
 * @param frame         the whole Ethernet frame from the destination MAC on (no FCS); owned
 *                      by the receiver, the transport keeps no reference to it
 * @param receivedNanos {@link System#nanoTime()} when the capture thread got it: a monotonic
 *                      time the event loop can compare with its own clock
 */
public record ReceivedFrame(String port, byte[] frame, long receivedNanos) {

    @Override
    public String toString() {
        return "ReceivedFrame[port=" + port + ", length=" + frame.length + ", receivedNanos=" + receivedNanos + "]";
    }
}
