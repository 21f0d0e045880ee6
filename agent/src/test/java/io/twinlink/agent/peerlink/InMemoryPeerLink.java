package io.twinlink.agent.peerlink;

import io.twinlink.mlag.PeerMessage;
import java.util.concurrent.Executor;

/**
 * A {@link PeerLink} for daemon tests: two ends joined in memory. The cable can be cut and
 * mended; messages and up/down callbacks are handed to the given executor (a virtual event
 * loop in tests: {@code r -> loop.schedule(r, 0)}), never run inside {@code send}.
 */
public final class InMemoryPeerLink implements PeerLink {

    private final Executor executor;
    private final PeerLinkCounters counters = new PeerLinkCounters();
    private Listener listener;
    private InMemoryPeerLink other;
    private boolean started;
    private boolean closed;
    private boolean up;
    private boolean cut;
    private boolean everUp;

    private InMemoryPeerLink(Executor executor) {
        this.executor = executor;
    }

    /** Two ends of one link; give each its listener before starting it. */
    public static InMemoryPeerLink[] pair(Executor executor) {
        InMemoryPeerLink a = new InMemoryPeerLink(executor);
        InMemoryPeerLink b = new InMemoryPeerLink(executor);
        a.other = b;
        b.other = a;
        return new InMemoryPeerLink[] {a, b};
    }

    public void setListener(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void start() {
        started = true;
        connectIfPossible();
    }

    @Override
    public boolean send(PeerMessage message) {
        if (!up) {
            return false;
        }
        InMemoryPeerLink far = other;
        executor.execute(() -> {
            if (up && far.up) {
                far.listener.onMessage(message);
            }
        });
        return true;
    }

    @Override
    public void drop(String reason) {
        disconnect(reason, "connection closed by the peer");
        executor.execute(this::connectIfPossible);
    }

    @Override
    public boolean isUp() {
        return up;
    }

    @Override
    public PeerLinkCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        disconnect("peer-link closed locally", "connection closed by the peer");
        closed = true;
    }

    /** The cable is cut: both ends go down (as if each noticed), nothing passes until {@link #mend()}. */
    public void cut() {
        cut = true;
        other.cut = true;
        disconnect("cable cut", "cable cut");
    }

    public void mend() {
        cut = false;
        other.cut = false;
        executor.execute(this::connectIfPossible);
    }

    private void connectIfPossible() {
        if (up || cut || closed || other.closed || !started || !other.started) {
            return;
        }
        for (InMemoryPeerLink end : new InMemoryPeerLink[] {this, other}) {
            end.up = true;
            if (end.everUp) {
                end.counters.reconnects.incrementAndGet();
            }
            end.everUp = true;
            executor.execute(end.listener::onUp);
        }
    }

    private void disconnect(String localReason, String remoteReason) {
        if (!up) {
            return;
        }
        up = false;
        other.up = false;
        executor.execute(() -> listener.onDown(localReason));
        InMemoryPeerLink far = other;
        executor.execute(() -> far.listener.onDown(remoteReason));
    }
}
