package io.twinlink.agent.peerlink;

import io.twinlink.mlag.PeerMessage;

/**
 * The authenticated connection to the MC-LAG peer, as the daemon sees it: it comes up, goes
 * down, reconnects by itself, and carries {@link PeerMessage}s. {@link NettyPeerLink} is the
 * real one (TCP, optional TLS); tests use an in-memory one. Every method is called, and
 * every listener callback made, on the daemon's event loop.
 */
public interface PeerLink extends AutoCloseable {

    /** Callbacks, on the event loop. */
    interface Listener {
        /** A connection authenticated: the pair logic starts a new session (hellos). */
        void onUp();

        /** The connection is gone; the link keeps trying to reconnect. */
        void onDown(String reason);

        void onMessage(PeerMessage message);
    }

    /** Starts listening and connecting. */
    void start();

    /** Sends a message if the link is up; returns whether it was handed to the connection. */
    boolean send(PeerMessage message);

    /** Closes the current connection (the pair logic gave up on it); the link reconnects. */
    void drop(String reason);

    boolean isUp();

    PeerLinkCounters counters();

    /** Stops for good: no more connections, callbacks or reconnects. */
    @Override
    void close();
}
