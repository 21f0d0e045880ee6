package io.twinlink.agent.config;

/** Which kernel mechanism carries the aggregate's traffic (DESIGN.md, "Data planes"). */
public enum Dataplane {
    LINUX_BOND,
    TC,
    NONE
}
