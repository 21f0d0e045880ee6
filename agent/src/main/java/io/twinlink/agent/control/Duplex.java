package io.twinlink.agent.control;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Link duplex from ethtool; LACP only aggregates full-duplex links [802.1AX-2020 6.4.7], so a
 * half-duplex member is worth seeing at a glance.
 */
public enum Duplex {
    @JsonProperty("full") FULL,
    @JsonProperty("half") HALF,
    @JsonProperty("unknown") UNKNOWN;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
