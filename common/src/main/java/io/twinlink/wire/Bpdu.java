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
        return BpduCodec.decode(buf, buf.position(), buf.limit() - buf.position());
    }
}
