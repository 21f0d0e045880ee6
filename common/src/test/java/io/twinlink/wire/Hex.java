package io.twinlink.wire;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Golden bytes written as hex in tests; whitespace is ignored. */
public final class Hex {

    private Hex() {
    }

    public static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    public static ByteBuffer buffer(String hex) {
        return ByteBuffer.wrap(bytes(hex));
    }

    public static String of(byte[] octets) {
        return HexFormat.of().formatHex(octets);
    }
}
