package io.twinlink.wire;

import java.nio.ByteBuffer;

/**
 * The dispatch of 802.1D-2004 9.3.4 (which BPDU is this?), on an absolute index and length so
 * that the frame decoder needs no buffer view; {@link Bpdu#decode} is the public door.
 */
final class BpduCodec {

    private BpduCodec() {
    }

    static Bpdu decode(ByteBuffer buf, int base, int limit) throws MalformedPduException {
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
