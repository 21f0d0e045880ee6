package io.twinlink.wire;

import java.nio.ByteBuffer;

/**
 * A Rapid Spanning Tree BPDU [802.1D-2004 9.3.3, figure 9-3]: 36 octets, see
 * {@link BpduLayout}. All flag bits are meaningful, including the two-bit port role.
 * A received Version 1 Length other than zero is tolerated (9.3.4 does not check it);
 * {@link #encode()} always sends version 2 and Version 1 Length 0.
 */
public record RstBpdu(int protocolVersion, BpduFlags flags, BridgeId rootId, long rootPathCost,
                      BridgeId bridgeId, PortId portId, BpduTimes times) implements InformationBpdu {

    public static final int VERSION = 2;
    public static final int LENGTH = BpduLayout.RST_LENGTH;

    public RstBpdu {
        InformationFields.requireVersion(protocolVersion);
        InformationFields.requireValid(flags, rootId, rootPathCost, bridgeId, portId, times);
    }

    /** A version 2 RST BPDU [17.21.20 txRstp]. */
    public RstBpdu(BpduFlags flags, BridgeId rootId, long rootPathCost, BridgeId bridgeId, PortId portId,
                   BpduTimes times) {
        this(VERSION, flags, rootId, rootPathCost, bridgeId, portId, times);
    }

    @Override
    public BpduType type() {
        return BpduType.RST;
    }

    static RstBpdu read(ByteBuffer buf, int base, int version) {
        InformationFields f = InformationFields.read(buf, base);
        return new RstBpdu(version, f.flags(), f.rootId(), f.rootPathCost(), f.bridgeId(), f.portId(), f.times());
    }

    /** The exact 36 octets: version 2, Version 1 Length 0. */
    public byte[] encode() {
        byte[] out = new byte[LENGTH];
        InformationFields.write(ByteBuffer.wrap(out), VERSION, BpduType.RST, flags.bits(), this);
        // octet 35, Version 1 Length, stays 0 [9.3.3]
        return out;
    }
}
