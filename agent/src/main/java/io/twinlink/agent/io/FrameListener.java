package io.twinlink.agent.io;

/**
 * Receives captured frames on the port's capture thread. Implementations must return at once
 * (post the frame to the daemon's event loop): the next frame waits for it.
 */
@FunctionalInterface
public interface FrameListener {

    void frameReceived(ReceivedFrame frame);
}
