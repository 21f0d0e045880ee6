package io.twinlink.lacp;

/** The {@code Selected} variable of an Aggregation Port [802.1AX-2020 6.4.8]. */
public enum Selected {
    SELECTED, UNSELECTED, STANDBY
}
