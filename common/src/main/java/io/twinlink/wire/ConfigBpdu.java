package io.twinlink.wire;

import java.nio.ByteBuffer;

/**
 * An 802.1D Configuration BPDU [802.1D-2004 9.3.1, figure 9-1]: 35 octets, see
 * {@link BpduLayout}. Only the Topology Change and Topology Change Acknowledgment flags are
 * defined; {@link #encode()} sends the others as zero. Decoding keeps whatever version and
 * flags arrived (9.3.4 accepts any version).
 */
public record ConfigBpdu(int protocolVersion, BpduFlags flags, BridgeId rootId, long rootPathCost,
                         BridgeId bridgeId, PortId portId, BpduTimes times) implements InformationBpdu {

    public static final int VERSION = 0;
    public static final int LENGTH = BpduLayout.CONFIG_LENGTH;

    public ConfigBpdu {
        InformationFields.requireVersion(protocolVersion);
        InformationFields.requireValid(flags, rootId, rootPathCost, bridgeId, portId, times);
    }

    /** A version 0 Configuration BPDU, as an STP-compatible port transmits it [17.21.19 txConfig]. */
    public ConfigBpdu(BpduFlags flags, BridgeId rootId, long rootPathCost, BridgeId bridgeId, PortId portId,
                      BpduTimes times) {
        this(VERSION, flags, rootId, rootPathCost, bridgeId, portId, times);
    }

    @Override
    public BpduType type() {
        return BpduType.CONFIG;
    }

    static ConfigBpdu read(ByteBuffer buf, int base, int version) {
        InformationFields f = InformationFields.read(buf, base);
        return new ConfigBpdu(version, f.flags(), f.rootId(), f.rootPathCost(), f.bridgeId(), f.portId(), f.times());
    }

    /** The exact 35 octets: version 0, undefined flag bits zero. */
    public byte[] encode() {
        byte[] out = new byte[LENGTH];
        InformationFields.write(ByteBuffer.wrap(out), VERSION, BpduType.CONFIG,
                flags.bits() & BpduFlags.CONFIG_BPDU_MASK, this);
        return out;
    }
}
