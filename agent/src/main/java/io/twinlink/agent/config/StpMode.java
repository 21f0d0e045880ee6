package io.twinlink.agent.config;

/** Force Protocol Version [802.1D-2004 17.13.4]: RSTP, or 802.1D STP compatibility (version 0). */
public enum StpMode {
    RSTP,
    STP
}
