package io.twinlink.lacp;

/**
 * Per-port statistics with the names of the IEEE 802.1AX MIB
 * ({@code dot3adAggPortStatsTable} and {@code dot3adAggPortDebugTable}) [802.1AX-2020 7.3.3].
 * Mutated only by the engine's thread.
 */
public final class PortCounters {

    long dot3adAggPortStatsLACPDUsRx;
    long dot3adAggPortStatsMarkerPDUsRx;
    long dot3adAggPortStatsMarkerResponsePDUsRx;
    long dot3adAggPortStatsUnknownRx;
    long dot3adAggPortStatsIllegalRx;
    long dot3adAggPortStatsLACPDUsTx;
    long dot3adAggPortStatsMarkerPDUsTx;
    long dot3adAggPortStatsMarkerResponsePDUsTx;
    long dot3adAggPortDebugActorChurnCount;
    long dot3adAggPortDebugPartnerChurnCount;
    long dot3adAggPortDebugActorSyncTransitionCount;
    long dot3adAggPortDebugPartnerSyncTransitionCount;
    /** Not in the MIB: our own LACPDUs that came back to us (a loop in the cabling). */
    long loopedBackRx;

    public long lacpdusRx() { return dot3adAggPortStatsLACPDUsRx; }
    public long markerPdusRx() { return dot3adAggPortStatsMarkerPDUsRx; }
    public long markerResponsePdusRx() { return dot3adAggPortStatsMarkerResponsePDUsRx; }
    public long unknownRx() { return dot3adAggPortStatsUnknownRx; }
    public long illegalRx() { return dot3adAggPortStatsIllegalRx; }
    public long lacpdusTx() { return dot3adAggPortStatsLACPDUsTx; }
    public long markerPdusTx() { return dot3adAggPortStatsMarkerPDUsTx; }
    public long markerResponsePdusTx() { return dot3adAggPortStatsMarkerResponsePDUsTx; }
    public long actorChurnCount() { return dot3adAggPortDebugActorChurnCount; }
    public long partnerChurnCount() { return dot3adAggPortDebugPartnerChurnCount; }
    public long actorSyncTransitionCount() { return dot3adAggPortDebugActorSyncTransitionCount; }
    public long partnerSyncTransitionCount() { return dot3adAggPortDebugPartnerSyncTransitionCount; }
    public long loopedBackRx() { return loopedBackRx; }
}
