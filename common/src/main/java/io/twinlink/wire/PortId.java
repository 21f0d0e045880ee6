package io.twinlink.wire;

/**
 * A Port Identifier [802.1D-2004 9.2.7]: 4 bits of priority (in steps of 16, 0..240) and a
 * 12-bit port number, compared as one unsigned 16-bit number, lower is better.
 * (802.1D-1998 split 8/8; any received value is representable either way.)
 */
public record PortId(int priority, int number) implements Comparable<PortId> {

    public static final int PRIORITY_STEP = 16;
    public static final int MAX_PRIORITY = 240;
    public static final int MAX_NUMBER = 0xFFF;

    public PortId {
        if (priority < 0 || priority > MAX_PRIORITY || priority % PRIORITY_STEP != 0) {
            throw new IllegalArgumentException("port priority must be a multiple of 16 in 0..240, got " + priority);
        }
        if (number < 0 || number > MAX_NUMBER) {
            throw new IllegalArgumentException("port number must be 0..4095, got " + number);
        }
    }

    /** From the 16-bit value as it is carried on the wire. */
    public static PortId of(int value) {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("a port identifier is 16 bits: " + value);
        }
        return new PortId((value >>> 8) & 0xF0, value & 0x0FFF);
    }

    public int value() {
        return (priority << 8) | number;
    }

    @Override
    public int compareTo(PortId o) {
        return Integer.compare(value(), o.value());
    }

    /** tcpdump's form: four hex digits, {@code 8005}. */
    @Override
    public String toString() {
        return String.format("%04x", value());
    }
}
