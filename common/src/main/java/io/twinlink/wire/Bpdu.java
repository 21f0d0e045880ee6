package io.twinlink.wire;

import java.nio.ByteBuffer;

/**
 * A Bridge PDU [802.1D-2004 clause 9; 802.1Q-2018 clause 14], from the Protocol Identifier on
 * (without the LLC header). The decoder validates as 802.1D-2004 9.3.4 says (a Configuration
 * BPDU of any version, a TCN of any version, an RST BPDU of version 2 or more), and goes one
 * step further for version 3+ (MST/SPT): their extra parts must be well-formed or the BPDU is
 * reported malformed, because a dissector should say so. An RSTP bridge handles an
 * {@link MstBpdu} as the RST BPDU it starts with ({@link MstBpdu#cist()}).
 *
 * <p>Layout: see {@link BpduLayout}. Encoders ({@link ConfigBpdu#encode()},
 * {@link TcnBpdu#encode()}, {@link RstBpdu#encode()}) produce the BPDU alone;
 * {@link FrameEncoder#bpdu} wraps it in an 802.3/LLC frame.
 */
public sealed interface Bpdu permits TcnBpdu, InformationBpdu {

    /** The Protocol Version Identifier octet as received (0, 2, 3, 4...). */
    int protocolVersion();

    BpduType type();

    /**
     * Decodes the BPDU between {@code buf.position()} and {@code buf.limit()} without moving
     * the position. Octets after the BPDU are ignored. Offsets in exceptions count from the
     * Protocol Identifier.
     */
    static Bpdu decode(ByteBuffer buf) throws MalformedPduException {
        int base = buf.position();
        int limit = buf.limit() - base;
        MalformedPduException.require(limit, 0, BpduLayout.TCN_LENGTH, "BPDU");
        int protocolId = Short.toUnsignedInt(buf.getShort(base + BpduLayout.PROTOCOL_ID));
        if (protocolId != 0) {
            throw new MalformedPduException(BpduLayout.PROTOCOL_ID,
                    String.format("unknown BPDU protocol identifier 0x%04x", protocolId));
        }
        int version = buf.get(base + BpduLayout.VERSION) & 0xFF;
        int type = buf.get(base + BpduLayout.TYPE) & 0xFF;
        if (type == BpduType.CONFIG.code()) {
            MalformedPduException.require(limit, 0, BpduLayout.CONFIG_LENGTH, "Configuration BPDU");
            return ConfigBpdu.read(buf, base, version);
        }
        if (type == BpduType.TCN.code()) {
            return new TcnBpdu(version);
        }
        if (type != BpduType.RST.code()) {
            throw new MalformedPduException(BpduLayout.TYPE, String.format("unknown BPDU type 0x%02x", type));
        }
        if (version < RstBpdu.VERSION) {
            throw new MalformedPduException(BpduLayout.VERSION,
                    "RST BPDU type with protocol version " + version + " (needs 2 or more)");
        }
        MalformedPduException.require(limit, 0, BpduLayout.RST_LENGTH, "RST BPDU");
        RstBpdu rst = RstBpdu.read(buf, base, version);
        return version == RstBpdu.VERSION ? rst : MstBpdu.read(buf, base, limit, rst);
    }
}
