package io.twinlink.agent.control;

/** The Selected variable of a port [802.1AX-2020 6.4.8]; serialised by name, upper case. */
public enum SelectedState {
    SELECTED,
    UNSELECTED,
    STANDBY
}
