package io.twinlink.agent.control;

/**
 * The Mux machine's state as {@code show lacp} reports it [802.1AX-2020 6.4.15, figures 6-21
 * (independent control: COLLECTING then DISTRIBUTING) and 6-22 (coupled control:
 * COLLECTING_DISTRIBUTING)]. Serialised by name, upper case, as DESIGN.md fixes.
 */
public enum MuxState {
    DETACHED,
    WAITING,
    ATTACHED,
    COLLECTING,
    DISTRIBUTING,
    COLLECTING_DISTRIBUTING;

    /** Whether frames are sent on the port in this state. */
    public boolean distributing() {
        return this == DISTRIBUTING || this == COLLECTING_DISTRIBUTING;
    }
}
