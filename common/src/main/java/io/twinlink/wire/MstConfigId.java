package io.twinlink.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The MST Configuration Identifier [802.1Q-2018 13.8]: two bridges are in the same MST region
 * only when all four fields match.
 *
 * <pre>
 *  0       Configuration Identifier Format Selector (0)
 *  1..32   Configuration Name, NUL padded
 *  33..34  Revision Level
 *  35..50  Configuration Digest (HMAC-MD5 of the VID-to-MSTID table)
 * </pre>
 */
public record MstConfigId(int formatSelector, String name, int revisionLevel, byte[] digest) {

    public static final int LENGTH = 51;
    public static final int NAME_LENGTH = 32;
    public static final int DIGEST_LENGTH = 16;

    private static final int FORMAT_SELECTOR = 0;
    private static final int NAME = 1;
    private static final int REVISION_LEVEL = 33;
    private static final int DIGEST = 35;

    public MstConfigId {
        if (name == null || digest == null || digest.length != DIGEST_LENGTH) {
            throw new IllegalArgumentException("name and a 16-octet digest are required");
        }
        digest = digest.clone();
    }

    static MstConfigId read(ByteBuffer buf, int at) {
        int nameLength = 0;
        while (nameLength < NAME_LENGTH && buf.get(at + NAME + nameLength) != 0) {
            nameLength++;
        }
        byte[] nameOctets = new byte[nameLength];
        buf.get(at + NAME, nameOctets);
        byte[] digest = new byte[DIGEST_LENGTH];
        buf.get(at + DIGEST, digest);
        return new MstConfigId(buf.get(at + FORMAT_SELECTOR) & 0xFF,
                new String(nameOctets, StandardCharsets.UTF_8),
                Short.toUnsignedInt(buf.getShort(at + REVISION_LEVEL)), digest);
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** 32 lower-case hex digits. */
    public String digestHex() {
        return HexFormat.of().formatHex(digest);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MstConfigId m && formatSelector == m.formatSelector && name.equals(m.name)
                && revisionLevel == m.revisionLevel && Arrays.equals(digest, m.digest);
    }

    @Override
    public int hashCode() {
        return ((formatSelector * 31 + name.hashCode()) * 31 + revisionLevel) * 31 + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "MstConfigId[" + formatSelector + ", \"" + name + "\", rev " + revisionLevel + ", " + digestHex() + "]";
    }
}
