package io.twinlink.stp;

import io.twinlink.wire.BpduPortRole;

/** A port's role [802.1D-2004 17.7], with the names the {@code show stp} contract uses. */
public enum PortRole {
    DISABLED("disabled"),
    ROOT("root"),
    DESIGNATED("designated"),
    ALTERNATE("alternate"),
    BACKUP("backup");

    private final String jsonName;

    PortRole(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    /**
     * How an RST BPDU encodes this role [802.1D-2004 9.2.9]: the wire cannot tell Alternate
     * from Backup. A Disabled port sends nothing, so it has no encoding of its own.
     */
    BpduPortRole encoded() {
        return switch (this) {
            case ROOT -> BpduPortRole.ROOT;
            case DESIGNATED -> BpduPortRole.DESIGNATED;
            case ALTERNATE, BACKUP -> BpduPortRole.ALTERNATE_BACKUP;
            case DISABLED -> BpduPortRole.UNKNOWN;
        };
    }
}
