package io.twinlink.mlag;

/** What this node knows about its peer; {@link MlagPair} decides everything from it and the role. */
public enum PeerState {
    /** Just started: nothing heard from the peer yet, and not yet long enough to call it dead. */
    STARTING,
    /** Peer-link up, hellos exchanged, heartbeats fresh: the pair works as one system. */
    PAIRED,
    /**
     * The peer-link was lost a moment ago and the backup path has not spoken since: the peer
     * may be dead (no keepalive will come) or alive behind a cut peer-link (one will come
     * within an interval). Nothing changes until one or the other is known, so a dying peer
     * never makes the survivor take its bundles down on the way. Also while a new peer-link
     * session waits for the peer's hello: the session itself proves the peer alive.
     */
    UNCONFIRMED,
    /** Peer-link down, backup path says the peer is alive: dual-active risk. */
    SPLIT,
    /** Peer-link and backup path both silent: this node serves alone. */
    DEAD
}
