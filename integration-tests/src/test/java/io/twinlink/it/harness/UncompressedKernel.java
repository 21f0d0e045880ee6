package io.twinlink.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Gets the ELF vmlinux out of a bzImage, as the kernel's scripts/extract-vmlinux does: find
 * the compressed payload by its magic and decompress it. qemu boots such an ELF through its
 * PVH entry point and so skips the bzImage decompressor, which under tcg emulation takes
 * about ten seconds of every boot.
 */
final class UncompressedKernel {

    private record Format(byte[] magic, String decompress) {
    }

    private static final List<Format> FORMATS = List.of(
            new Format(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}, "xz -dc --single-stream"),
            new Format(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, "zstd -dcq"),
            new Format(new byte[] {0x1f, (byte) 0x8b, 0x08, 0x00}, "gzip -dcq"));
    private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};

    private UncompressedKernel() {
    }

    /** True when {@code target} now holds an ELF kernel; false when no known payload decompressed to one. */
    static boolean extract(Path bzImage, Path target) throws IOException {
        byte[] image = Files.readAllBytes(bzImage);
        for (Format format : FORMATS) {
            int offset = indexOf(image, format.magic());
            if (offset < 0) {
                continue;
            }
            // The payload is followed by more bzImage data: decompressors complain, the ELF check decides.
            Command.of("sh", "-c", "tail -c +\"$1\" \"$2\" | " + format.decompress() + " > \"$3\"",
                    "sh", String.valueOf(offset + 1), bzImage.toString(), target.toString()).run();
            if (startsWith(target, ELF)) {
                return true;
            }
        }
        Files.deleteIfExists(target);
        return false;
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean startsWith(Path file, byte[] prefix) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(prefix.length);
            return java.util.Arrays.equals(head, prefix);
        }
    }
}
