package io.twinlink.wire;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * A 48-bit IEEE 802 MAC address, held as the low 48 bits of a {@code long} so that it is
 * cheap to compare, hash and order (the LACP and STP priority vectors compare system IDs
 * numerically, most significant octet first).
 */
public record MacAddress(long bits) implements Comparable<MacAddress> {

    public static final int LENGTH = 6;
    private static final long MASK = 0xFFFF_FFFF_FFFFL;

    /** The Slow Protocols multicast address [802.3 Annex 57B]: LACP and Marker PDUs go here. */
    public static final MacAddress SLOW_PROTOCOLS = of(0x0180C2000002L);
    /** The Bridge Group Address [802.1D-2004 7.12.3]: (R)STP BPDUs go here. */
    public static final MacAddress BRIDGE_GROUP = of(0x0180C2000000L);
    /** Cisco's PVST+ / Shared STP address. */
    public static final MacAddress PVST = of(0x01000CCCCCCDL);
    public static final MacAddress ZERO = of(0);

    public MacAddress {
        if ((bits & ~MASK) != 0) {
            throw new IllegalArgumentException("MAC address wider than 48 bits: " + Long.toHexString(bits));
        }
    }

    public static MacAddress of(long bits) {
        return new MacAddress(bits);
    }

    public static MacAddress of(byte[] octets) {
        if (octets.length != LENGTH) {
            throw new IllegalArgumentException("a MAC address has 6 octets, got " + octets.length);
        }
        return read(ByteBuffer.wrap(octets), 0);
    }

    /** Reads six octets at an absolute index without moving the buffer's position. */
    public static MacAddress read(ByteBuffer buf, int index) {
        long v = 0;
        for (int i = 0; i < LENGTH; i++) {
            v = (v << 8) | (buf.get(index + i) & 0xFF);
        }
        return new MacAddress(v);
    }

    /** Parses {@code aa:bb:cc:dd:ee:ff} (also accepts '-' as separator, any case). */
    public static MacAddress parse(String text) {
        String s = text.trim();
        String[] parts = s.split("[:-]");
        if (parts.length != LENGTH) {
            throw new IllegalArgumentException("not a MAC address: \"" + text + "\"");
        }
        long v = 0;
        for (String p : parts) {
            if (p.length() != 2) {
                throw new IllegalArgumentException("not a MAC address: \"" + text + "\"");
            }
            try {
                v = (v << 8) | Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a MAC address: \"" + text + "\"");
            }
        }
        return new MacAddress(v);
    }

    /** Writes six octets at an absolute index without moving the buffer's position. */
    public void write(ByteBuffer buf, int index) {
        for (int i = 0; i < LENGTH; i++) {
            buf.put(index + i, (byte) (bits >>> (8 * (LENGTH - 1 - i))));
        }
    }

    public byte[] toBytes() {
        byte[] out = new byte[LENGTH];
        write(ByteBuffer.wrap(out), 0);
        return out;
    }

    public boolean isMulticast() {
        return (bits & 0x0100_0000_0000L) != 0;
    }

    public boolean isZero() {
        return bits == 0;
    }

    @Override
    public int compareTo(MacAddress o) {
        return Long.compare(bits, o.bits);
    }

    /** Lower-case {@code aa:bb:cc:dd:ee:ff}, the form the CLI and JSON contract use. */
    @Override
    public String toString() {
        String hex = HexFormat.of().toHexDigits(bits).substring(4);
        StringBuilder sb = new StringBuilder(17);
        for (int i = 0; i < 12; i += 2) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(hex, i, i + 2);
        }
        return sb.toString();
    }
}
