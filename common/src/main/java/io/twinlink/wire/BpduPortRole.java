package io.twinlink.wire;

/**
 * The two-bit Port Role field of an RST/MST BPDU's flags [802.1D-2004 9.3.3, figure 9-3].
 * The wire cannot tell Alternate from Backup, and "unknown" is what MSTP sends for a Master
 * port [802.1Q-2018 14.2].
 */
public enum BpduPortRole {
    UNKNOWN(0, "unknown"),
    ALTERNATE_BACKUP(1, "alternate-backup"),
    ROOT(2, "root"),
    DESIGNATED(3, "designated");

    private static final BpduPortRole[] BY_CODE = values();

    private final int code;
    private final String jsonName;

    BpduPortRole(int code, String jsonName) {
        this.code = code;
        this.jsonName = jsonName;
    }

    /** The two-bit value (0..3) as encoded in bits 3 and 4 of the flags octet. */
    public int code() {
        return code;
    }

    /** The name the {@code decode --json} contract uses. */
    public String jsonName() {
        return jsonName;
    }

    public static BpduPortRole of(int code) {
        if (code < 0 || code > 3) {
            throw new IllegalArgumentException("port role is two bits: " + code);
        }
        return BY_CODE[code];
    }
}
