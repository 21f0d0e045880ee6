package io.twinlink.mlag;

/**
 * What both peers must agree on for one MLAG bundle, as announced in {@link Hello}: the
 * same admin key on both halves [802.1AX-2020 6.3.5] (so the partner puts all members in one
 * aggregator), the configured member count and the LACP rate (LACP_Timeout, 6.4.2.3).
 */
public record BundleProfile(int mlagId, int key, int memberCount, boolean fastRate) {

    public BundleProfile {
        if (mlagId < 1 || mlagId > 0xFFFF) {
            throw new IllegalArgumentException("mlag-id must be 1..65535, got " + mlagId);
        }
        if (key < 1 || key > 0xFFFF) {
            throw new IllegalArgumentException("key must be 1..65535, got " + key);
        }
        if (memberCount < 0 || memberCount > 0xFFFF) {
            throw new IllegalArgumentException("member count must be 0..65535, got " + memberCount);
        }
    }

    public String rateName() {
        return fastRate ? "fast" : "slow";
    }
}
