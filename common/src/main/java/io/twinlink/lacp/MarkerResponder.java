package io.twinlink.lacp;

import io.twinlink.wire.MarkerPdu;

/**
 * The Marker Responder [802.1AX-2020 6.5.4.2]: answers every Marker PDU with a Marker
 * Response carrying the requester's fields unchanged, so that a partner's distributor can
 * move conversations between links without reordering frames.
 */
final class MarkerResponder {

    private final LacpEngine engine;

    MarkerResponder(LacpEngine engine) {
        this.engine = engine;
    }

    void receive(AggregationPort p, MarkerPdu pdu) {
        if (pdu.tlv() == MarkerPdu.Tlv.RESPONSE) {
            p.counters.dot3adAggPortStatsMarkerResponsePDUsRx++;
            return;
        }
        p.counters.dot3adAggPortStatsMarkerPDUsRx++;
        if (!p.portEnabled) {
            return;
        }
        engine.emit(new LacpEffect.SendMarker(p.name(), pdu.response()));
        p.counters.dot3adAggPortStatsMarkerResponsePDUsTx++;
    }
}
