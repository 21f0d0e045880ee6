package io.twinlink.wire;

/**
 * Slow Protocols constants [IEEE 802.3 Annex 57A]: one EtherType, one multicast address, and
 * a subtype octet that tells LACP from Marker from the rest (OAM, OSSP, ...).
 */
public final class SlowProtocols {

    public static final int ETHERTYPE = 0x8809;
    public static final int SUBTYPE_LACP = 1;
    public static final int SUBTYPE_MARKER = 2;
    /** Slow Protocols frames are at most this long (without FCS): 802.3 57A.4. */
    public static final int MAX_PDU_OCTETS = 128;

    private SlowProtocols() {
    }
}
