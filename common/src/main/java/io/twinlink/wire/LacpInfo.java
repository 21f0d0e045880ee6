package io.twinlink.wire;

import java.nio.ByteBuffer;

/**
 * The Actor or Partner Information of a LACPDU [802.1AX-2020 6.4.2.3 e)-l)]: who a port is
 * (system priority + system ID, key, port priority + port number) and its state octet.
 * The engine keeps its own operational values in the same shape, so comparisons between
 * received and recorded information are plain {@code equals} calls.
 *
 * <pre>
 *  0      2                 8      10     12     14    15          18
 *  +------+-----------------+------+------+------+-----+-----------+
 *  | sys  | system (MAC)    | key  | port | port |state| reserved  |
 *  | prio |                 |      | prio |      |     | (3)       |
 *  +------+-----------------+------+------+------+-----+-----------+
 * </pre>
 */
public record LacpInfo(int systemPriority, MacAddress system, int key, int portPriority, int port,
                       LacpPortState state) {

    /** Octets of the information part of the Actor/Partner TLV (after type and length). */
    public static final int LENGTH = 18;

    private static final int SYSTEM_PRIORITY = 0;
    private static final int SYSTEM = 2;
    private static final int KEY = 8;
    private static final int PORT_PRIORITY = 10;
    private static final int PORT = 12;
    private static final int STATE = 14;
    private static final int RESERVED = 15;

    public static final LacpInfo NULL = new LacpInfo(0, MacAddress.ZERO, 0, 0, 0, LacpPortState.of(0));

    public LacpInfo {
        requireU16(systemPriority, "systemPriority");
        requireU16(key, "key");
        requireU16(portPriority, "portPriority");
        requireU16(port, "port");
        if (system == null || state == null) {
            throw new IllegalArgumentException("system and state are required");
        }
    }

    static LacpInfo read(ByteBuffer buf, int at) {
        return new LacpInfo(
                Short.toUnsignedInt(buf.getShort(at + SYSTEM_PRIORITY)),
                MacAddress.read(buf, at + SYSTEM),
                Short.toUnsignedInt(buf.getShort(at + KEY)),
                Short.toUnsignedInt(buf.getShort(at + PORT_PRIORITY)),
                Short.toUnsignedInt(buf.getShort(at + PORT)),
                LacpPortState.of(buf.get(at + STATE) & 0xFF));
    }

    void write(ByteBuffer buf, int at) {
        buf.putShort(at + SYSTEM_PRIORITY, (short) systemPriority);
        system.write(buf, at + SYSTEM);
        buf.putShort(at + KEY, (short) key);
        buf.putShort(at + PORT_PRIORITY, (short) portPriority);
        buf.putShort(at + PORT, (short) port);
        buf.put(at + STATE, (byte) state.bits());
        buf.put(at + RESERVED, (byte) 0).put(at + RESERVED + 1, (byte) 0).put(at + RESERVED + 2, (byte) 0);
    }

    public LacpInfo withState(LacpPortState newState) {
        return new LacpInfo(systemPriority, system, key, portPriority, port, newState);
    }

    /**
     * Same system, key and port, ignoring the state octet: what the Selection logic and the
     * Receive machine's {@code update_Selected} compare [802.1AX-2020 6.4.9].
     */
    public boolean sameIdentity(LacpInfo o) {
        return systemPriority == o.systemPriority && system.equals(o.system) && key == o.key
                && portPriority == o.portPriority && port == o.port;
    }

    private static void requireU16(int v, String name) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(name + " must be 0..65535, got " + v);
        }
    }
}
