package io.twinlink.agent.control;

import io.twinlink.lacp.PortCounters;

/**
 * An immutable copy of the per-port statistics of the 802.1AX MIB [802.1AX-2020 7.3.3.1,
 * dot3adAggPortStatsTable]. The first six are DESIGN.md's minimum content, in its order.
 *
 * @param lacpduRx         dot3adAggPortStatsLACPDUsRx
 * @param lacpduTx         dot3adAggPortStatsLACPDUsTx
 * @param markerRx         dot3adAggPortStatsMarkerPDUsRx
 * @param markerResponseTx dot3adAggPortStatsMarkerResponsePDUsTx
 * @param unknownRx        dot3adAggPortStatsUnknownRx: Slow Protocols frames of an unknown subtype
 * @param illegalRx        dot3adAggPortStatsIllegalRx: LACP/Marker subtype but badly formed
 * @param markerTx         dot3adAggPortStatsMarkerPDUsTx
 * @param markerResponseRx dot3adAggPortStatsMarkerResponsePDUsRx
 */
public record PortStats(long lacpduRx, long lacpduTx, long markerRx, long markerResponseTx,
                           long unknownRx, long illegalRx, long markerTx, long markerResponseRx) {

    public static final PortStats ZERO = new PortStats(0, 0, 0, 0, 0, 0, 0, 0);

    /** A copy of the engine's live counters; call it on the event loop. */
    public static PortStats of(PortCounters c) {
        return new PortStats(c.lacpdusRx(), c.lacpdusTx(), c.markerPdusRx(), c.markerResponsePdusTx(),
                c.unknownRx(), c.illegalRx(), c.markerPdusTx(), c.markerResponsePdusRx());
    }
}
