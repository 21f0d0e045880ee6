package io.twinlink.stp;

/**
 * ForceProtocolVersion [802.1D-2004 17.13.4]: RSTP (2), or 802.1D STP compatibility (0), in
 * which every port sends Configuration and TCN BPDUs and waits out the forward delay timers
 * instead of the proposal/agreement handshake ({@code stpVersion}, 17.20.12).
 */
public enum ForceProtocolVersion {
    STP(0),
    RSTP(2);

    private final int value;

    ForceProtocolVersion(int value) {
        this.value = value;
    }

    /** The number the standard uses (0 or 2). */
    public int value() {
        return value;
    }

    /** rstpVersion [17.20.11]: ForceProtocolVersion is 2 or more. */
    public boolean rstpVersion() {
        return value >= 2;
    }
}
