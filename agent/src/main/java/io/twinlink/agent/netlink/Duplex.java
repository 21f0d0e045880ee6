package io.twinlink.agent.netlink;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * Link duplex as ethtool reports it (DUPLEX_HALF 0, DUPLEX_FULL 1, else unknown). LACP only
 * aggregates full-duplex links [802.1AX-2020 6.4.8 LACP_Enabled], so a half-duplex member is
 * worth seeing at a glance in {@code show ports} (where it is spelled in lower case).
 */
public enum Duplex {
    @JsonProperty("half") HALF,
    @JsonProperty("full") FULL,
    @JsonProperty("unknown") UNKNOWN;

    public static Duplex of(int code) {
        return switch (code) {
            case 0 -> HALF;
            case 1 -> FULL;
            default -> UNKNOWN;
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
