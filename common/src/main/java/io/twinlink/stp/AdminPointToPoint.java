package io.twinlink.stp;

/**
 * adminPointToPointMAC [802.1D-2004 6.4.3]: whether the port's LAN is point-to-point. AUTO
 * takes it from the link's duplex (full duplex means point-to-point), the other two override
 * it. Only on point-to-point links may a port accept an agreement and forward at once
 * ({@code recordAgreement}, 17.21.9).
 */
public enum AdminPointToPoint {
    AUTO,
    FORCE_TRUE,
    FORCE_FALSE;

    /** operPointToPointMAC [6.4.3] for a link of the given duplex. */
    public boolean operPointToPoint(boolean fullDuplex) {
        return switch (this) {
            case AUTO -> fullDuplex;
            case FORCE_TRUE -> true;
            case FORCE_FALSE -> false;
        };
    }
}
