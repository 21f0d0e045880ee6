package io.twinlink.agent.cli;

import io.twinlink.wire.Bpdu;
import io.twinlink.wire.ConfigBpdu;
import io.twinlink.wire.FramedBpdu;
import io.twinlink.wire.FramePdu;
import io.twinlink.wire.Lacpdu;
import io.twinlink.wire.MarkerPdu;
import io.twinlink.wire.MstBpdu;
import io.twinlink.wire.OtherSlowProtocolPdu;
import io.twinlink.wire.RstBpdu;
import io.twinlink.wire.TcnBpdu;

/** The {@code type} values of the decode contract (DESIGN.md, "decode --json"). */
final class PduNames {

    static final String MALFORMED = "malformed";

    private PduNames() {
    }

    static String type(FramePdu pdu) {
        if (pdu instanceof Lacpdu) {
            return "lacp";
        }
        if (pdu instanceof MarkerPdu) {
            return "marker";
        }
        if (pdu instanceof OtherSlowProtocolPdu) {
            return "slow-other";
        }
        if (pdu instanceof FramedBpdu f) {
            return type(f.bpdu());
        }
        throw new IllegalArgumentException("not a PDU: " + pdu);
    }

    static String type(Bpdu bpdu) {
        if (bpdu instanceof ConfigBpdu) {
            return "stp-config";
        }
        if (bpdu instanceof TcnBpdu) {
            return "stp-tcn";
        }
        if (bpdu instanceof RstBpdu) {
            return "rstp";
        }
        return ((MstBpdu) bpdu).isSpt() ? "spb" : "mstp";
    }
}
