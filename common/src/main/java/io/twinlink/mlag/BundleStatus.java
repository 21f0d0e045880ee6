package io.twinlink.mlag;

/**
 * One MLAG bundle as {@code show mlag} reports it: this node's half ({@code localUp}), the
 * peer's half as last reported ({@code peerUp}), and whether, and why, the pair logic holds
 * it down.
 *
 * @param reason why it is held down, or why it was last released; never null
 */
public record BundleStatus(int mlagId, boolean localUp, boolean peerUp, boolean protodown, String reason) {
}
