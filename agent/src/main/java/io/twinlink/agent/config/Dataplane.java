package io.twinlink.agent.config;

import java.util.Locale;

/** Which kernel mechanism carries the aggregate's traffic (DESIGN.md, "Data planes"). */
public enum Dataplane {
    LINUX_BOND,
    TC,
    NONE;

    /** As written in the configuration: {@code linux-bond}, {@code tc}, {@code none}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
