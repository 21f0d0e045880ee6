package io.twinlink.wire;

import java.nio.ByteBuffer;

/**
 * A Bridge Identifier [802.1D-2004 9.2.5, 802.1Q-2018 13.26.2]: eight octets compared as one
 * unsigned 64-bit number, lower is better.
 *
 * <pre>
 *  bits 63..60  priority (settable in steps of 4096)
 *  bits 59..48  system ID extension (VLAN or MSTID; 0 in plain RSTP)
 *  bits 47..0   MAC address of the bridge
 * </pre>
 *
 * {@link #priority()} is the 4-bit value already multiplied by 4096 (the number an operator
 * configures, 0..61440), {@link #systemIdExtension()} the 12 bits below it.
 */
public record BridgeId(int priority, int systemIdExtension, MacAddress mac) implements Comparable<BridgeId> {

    public static final int LENGTH = 8;
    public static final int PRIORITY_STEP = 4096;
    public static final int MAX_PRIORITY = 61440;
    public static final int MAX_SYSTEM_ID_EXTENSION = 0xFFF;

    public BridgeId {
        if (priority < 0 || priority > MAX_PRIORITY || priority % PRIORITY_STEP != 0) {
            throw new IllegalArgumentException("bridge priority must be a multiple of 4096 in 0..61440, got " + priority);
        }
        if (systemIdExtension < 0 || systemIdExtension > MAX_SYSTEM_ID_EXTENSION) {
            throw new IllegalArgumentException("system ID extension must be 0..4095, got " + systemIdExtension);
        }
        if (mac == null) {
            throw new IllegalArgumentException("mac is required");
        }
    }

    public static BridgeId of(int priority, MacAddress mac) {
        return new BridgeId(priority, 0, mac);
    }

    /** From the 64-bit value as it is carried on the wire. */
    public static BridgeId of(long value) {
        int top = (int) (value >>> 48);
        return new BridgeId(top & 0xF000, top & 0x0FFF, MacAddress.of(value & 0xFFFF_FFFF_FFFFL));
    }

    /** The 64-bit value; compare with {@link Long#compareUnsigned} (priority 32768+ sets the sign bit). */
    public long value() {
        return ((long) (priority | systemIdExtension) << 48) | mac.bits();
    }

    static BridgeId read(ByteBuffer buf, int index) {
        return of(buf.getLong(index));
    }

    void write(ByteBuffer buf, int index) {
        buf.putLong(index, value());
    }

    @Override
    public int compareTo(BridgeId o) {
        return Long.compareUnsigned(value(), o.value());
    }

    /** tcpdump's form: {@code 8001.00:19:06:ea:b8:80} (priority field in hex, then the MAC). */
    @Override
    public String toString() {
        return String.format("%04x.%s", priority | systemIdExtension, mac);
    }
}
