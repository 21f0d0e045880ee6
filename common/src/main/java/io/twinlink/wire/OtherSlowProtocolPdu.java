package io.twinlink.wire;

/**
 * A Slow Protocols frame of a subtype other than LACP and Marker (OAM 3, OSSP 10, ...)
 * [802.3 Annex 57A]. 802.1AX counts these as {@code dot3adAggPortStatsUnknownRx}.
 *
 * @param subtype the subtype octet
 * @param length  octets from the subtype octet to the end of the frame (padding included)
 */
public record OtherSlowProtocolPdu(int subtype, int length) implements FramePdu {
}
