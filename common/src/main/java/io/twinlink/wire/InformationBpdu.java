package io.twinlink.wire;

/**
 * The BPDUs that carry spanning tree information: a message priority vector (root, root path
 * cost, designated bridge, designated port) and timer values [802.1D-2004 9.3.1, 9.3.3,
 * 17.6]. A Configuration BPDU, an RST BPDU, and an MST/SPT BPDU seen through its CIST part
 * all answer the same questions, so an RSTP Port Information machine can use this type alone
 * and ask {@link #type()} only to tell STP from RSTP [17.21.8 rcvInfo, 17.23 PRX].
 */
public sealed interface InformationBpdu extends Bpdu permits ConfigBpdu, RstBpdu, MstBpdu {

    BpduFlags flags();

    BridgeId rootId();

    /** Unsigned 32-bit [802.1D-2004 9.2.6]. */
    long rootPathCost();

    /** The transmitting (designated) bridge. For an MST BPDU: the CIST Regional Root Identifier. */
    BridgeId bridgeId();

    /** The transmitting (designated) port. */
    PortId portId();

    BpduTimes times();
}
