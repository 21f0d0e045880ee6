package io.twinlink.agent.config;

/**
 * How port path costs follow from link speed: {@code long} is 802.1D-2004 table 17-3
 * (20 000 000 / Mb/s); {@code short} is the 802.1D-1998 table the Linux bridge and older
 * switches use (10 Mb/s = 100, 100 Mb/s = 19, 1 Gb/s = 4, 10 Gb/s = 2).
 */
public enum StpPathCost {
    LONG,
    SHORT
}
