package io.twinlink.wire;

import java.nio.ByteBuffer;

/**
 * Octets 4..34 of a Configuration, RST or MST BPDU, which all three lay out the same way
 * ({@link BpduLayout}): read once, written once.
 */
record InformationFields(BpduFlags flags, BridgeId rootId, long rootPathCost, BridgeId bridgeId, PortId portId,
                         BpduTimes times) {

    static InformationFields read(ByteBuffer buf, int base) {
        return new InformationFields(
                BpduFlags.of(buf.get(base + BpduLayout.FLAGS) & 0xFF),
                BridgeId.read(buf, base + BpduLayout.ROOT_ID),
                Integer.toUnsignedLong(buf.getInt(base + BpduLayout.ROOT_PATH_COST)),
                BridgeId.read(buf, base + BpduLayout.BRIDGE_ID),
                PortId.of(Short.toUnsignedInt(buf.getShort(base + BpduLayout.PORT_ID))),
                new BpduTimes(
                        Short.toUnsignedInt(buf.getShort(base + BpduLayout.MESSAGE_AGE)),
                        Short.toUnsignedInt(buf.getShort(base + BpduLayout.MAX_AGE)),
                        Short.toUnsignedInt(buf.getShort(base + BpduLayout.HELLO_TIME)),
                        Short.toUnsignedInt(buf.getShort(base + BpduLayout.FORWARD_DELAY))));
    }

    /** Writes protocol identifier (zero), version, type and octets 4..34 of {@code bpdu}. */
    static void write(ByteBuffer buf, int version, BpduType type, int flags, InformationBpdu bpdu) {
        buf.putShort(BpduLayout.PROTOCOL_ID, (short) 0);
        buf.put(BpduLayout.VERSION, (byte) version);
        buf.put(BpduLayout.TYPE, (byte) type.code());
        buf.put(BpduLayout.FLAGS, (byte) flags);
        bpdu.rootId().write(buf, BpduLayout.ROOT_ID);
        buf.putInt(BpduLayout.ROOT_PATH_COST, (int) bpdu.rootPathCost());
        bpdu.bridgeId().write(buf, BpduLayout.BRIDGE_ID);
        buf.putShort(BpduLayout.PORT_ID, (short) bpdu.portId().value());
        BpduTimes t = bpdu.times();
        buf.putShort(BpduLayout.MESSAGE_AGE, (short) t.messageAge());
        buf.putShort(BpduLayout.MAX_AGE, (short) t.maxAge());
        buf.putShort(BpduLayout.HELLO_TIME, (short) t.helloTime());
        buf.putShort(BpduLayout.FORWARD_DELAY, (short) t.forwardDelay());
    }

    static void requireValid(BpduFlags flags, BridgeId rootId, long rootPathCost, BridgeId bridgeId, PortId portId,
                             BpduTimes times) {
        if (flags == null || rootId == null || bridgeId == null || portId == null || times == null) {
            throw new IllegalArgumentException("flags, rootId, bridgeId, portId and times are required");
        }
        if (rootPathCost < 0 || rootPathCost > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("root path cost is unsigned 32-bit, got " + rootPathCost);
        }
    }

    static void requireVersion(int version) {
        if (version < 0 || version > 0xFF) {
            throw new IllegalArgumentException("protocol version is one octet: " + version);
        }
    }
}
