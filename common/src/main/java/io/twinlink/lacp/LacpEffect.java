package io.twinlink.lacp;

import io.twinlink.wire.Lacpdu;
import io.twinlink.wire.MarkerPdu;

/** What the engine asks the outside world to do; the agent carries these out in order. */
public sealed interface LacpEffect {

    String port();

    /** Send this LACPDU out of the port [802.1AX-2020 6.4.16]. */
    record SendLacpdu(String port, Lacpdu pdu) implements LacpEffect {
    }

    /** Send this Marker or Marker Response PDU out of the port [802.1AX-2020 6.5]. */
    record SendMarker(String port, MarkerPdu pdu) implements LacpEffect {
    }

    /**
     * The data plane should (stop) accept(ing) frames from this member and (stop) send(ing)
     * frames to it, on behalf of the named bundle. Emitted only on change. This is the Mux
     * machine's Enable/Disable_Collecting/Distributing [6.4.11] gated by the bundle's active
     * aggregator and its min-links.
     */
    record MemberForwarding(String port, String bundle, boolean collecting, boolean distributing)
            implements LacpEffect {
    }
}
