package io.twinlink.agent.netlink;

/** RFC 2863 operational status as the kernel reports it in IFLA_OPERSTATE. */
public enum OperState {
    UNKNOWN, NOTPRESENT, DOWN, LOWERLAYERDOWN, TESTING, DORMANT, UP;

    public static OperState of(int code) {
        OperState[] all = values();
        return code >= 0 && code < all.length ? all[code] : UNKNOWN;
    }
}
