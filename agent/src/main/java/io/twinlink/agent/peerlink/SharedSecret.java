package io.twinlink.agent.peerlink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.twinlink.agent.config.SecretFileMode;
import java.util.Arrays;

/**
 * The pair's shared secret (the contents of {@code mlag.secret-file}, surrounding whitespace
 * trimmed so that a trailing newline does not matter). It keys the peer-link's
 * challenge-response and every frame's MAC, and the backup keepalive. Fewer than 16 octets
 * (128 bits) is refused: HMAC-SHA256 is only as strong as its key.
 */
public final class SharedSecret {

    public static final int MIN_LENGTH = 16;

    private final byte[] key;

    private SharedSecret(byte[] key) {
        this.key = key;
    }

    /**
     * Reads and checks the secret file, refusing one that other users can read
     * ({@link SecretFileMode}); the exception message is one line naming the file.
     */
    public static SharedSecret read(Path file) throws IOException {
        String unsafe;
        byte[] raw;
        try {
            unsafe = SecretFileMode.problem(file);
            raw = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("cannot read secret file " + file + ": " + e.getMessage(), e);
        }
        if (unsafe != null) {
            throw new IOException("secret file " + file + " is " + unsafe);
        }
        try {
            return of(raw);
        } catch (IllegalArgumentException e) {
            throw new IOException("secret file " + file + ": " + e.getMessage(), e);
        }
    }

    /** A secret from octets, trimmed of leading and trailing ASCII whitespace. */
    public static SharedSecret of(byte[] raw) {
        int from = 0;
        int to = raw.length;
        while (from < to && isSpace(raw[from])) {
            from++;
        }
        while (to > from && isSpace(raw[to - 1])) {
            to--;
        }
        if (to - from < MIN_LENGTH) {
            throw new IllegalArgumentException("the secret is " + (to - from) + " octets, at least " + MIN_LENGTH
                    + " are needed");
        }
        return new SharedSecret(Arrays.copyOfRange(raw, from, to));
    }

    public static SharedSecret of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0B;
    }

    /** A fresh HMAC-SHA256 keyed by the secret. */
    HmacSha256 hmac() {
        return new HmacSha256(key);
    }

    /** A key for one purpose, so that a MAC made for one use is worthless for another. */
    byte[] derive(String purpose, byte[]... context) {
        byte[][] parts = new byte[context.length + 1][];
        parts[0] = purpose.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(context, 0, parts, 1, context.length);
        return hmac().mac(parts);
    }

    @Override
    public String toString() {
        return "SharedSecret[" + key.length + " octets]";
    }
}
