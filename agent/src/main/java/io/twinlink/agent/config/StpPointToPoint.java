package io.twinlink.agent.config;

/** adminPointToPointMAC [802.1D-2004 6.4.3]: from the link's duplex, or forced. */
public enum StpPointToPoint {
    AUTO,
    TRUE,
    FALSE
}
