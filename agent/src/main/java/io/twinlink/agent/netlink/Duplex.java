package io.twinlink.agent.netlink;

/** Link duplex as ethtool reports it (DUPLEX_HALF 0, DUPLEX_FULL 1, else unknown). */
public enum Duplex {
    HALF, FULL, UNKNOWN;

    public static Duplex of(int code) {
        return switch (code) {
            case 0 -> HALF;
            case 1 -> FULL;
            default -> UNKNOWN;
        };
    }
}
