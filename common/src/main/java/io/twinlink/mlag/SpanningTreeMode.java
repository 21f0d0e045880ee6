package io.twinlink.mlag;

/**
 * What spanning tree a peer runs on its bridge. Both peers must agree: one bridge running
 * RSTP and its twin plain 802.1D (or none) would answer the same BPDUs differently.
 */
public enum SpanningTreeMode {
    OFF(0, "off"),
    STP(1, "stp"),
    RSTP(2, "rstp");

    public final int code;
    public final String showName;

    SpanningTreeMode(int code, String showName) {
        this.code = code;
        this.showName = showName;
    }

    static SpanningTreeMode fromCode(int code) {
        for (SpanningTreeMode m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        return null;
    }
}
