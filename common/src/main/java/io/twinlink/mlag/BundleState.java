package io.twinlink.mlag;

/**
 * The sender's half of one MLAG bundle: whether its aggregator carries traffic
 * ({@code localUp}) and whether the pair logic holds it down ({@code protodown}).
 */
public record BundleState(int mlagId, boolean localUp, boolean protodown) implements PeerMessage {

    public BundleState {
        if (mlagId < 1 || mlagId > 0xFFFF) {
            throw new IllegalArgumentException("mlag-id must be 1..65535, got " + mlagId);
        }
    }
}
