package io.twinlink.mlag;

/**
 * One message between the two peers of an MC-LAG pair (DESIGN.md "MC-LAG pair"). The
 * peer-link carries {@link Hello}, {@link Heartbeat}, {@link BundleState} and {@link MacSync};
 * the backup keepalive path carries {@link Keepalive}. {@link PeerMessageCodec} turns them
 * into bytes and back.
 */
public sealed interface PeerMessage permits Hello, Heartbeat, BundleState, MacSync, Keepalive {
}
