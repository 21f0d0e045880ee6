package io.twinlink.stp;

/**
 * What the data plane does with a port's frames [802.1D-2004 7.4, 17.10]: RSTP merges the
 * 802.1D-1998 Disabled, Blocking and Listening states into Discarding.
 */
public enum PortState {
    DISCARDING("discarding"),
    LEARNING("learning"),
    FORWARDING("forwarding");

    private final String jsonName;

    PortState(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }
}
