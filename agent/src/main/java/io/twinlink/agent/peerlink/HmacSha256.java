package io.twinlink.agent.peerlink;

import io.netty.buffer.ByteBuf;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 (RFC 2104, FIPS 198-1) with one key. Not thread-safe: each connection handler
 * has its own, used only on its event loop.
 */
final class HmacSha256 {

    static final int LENGTH = 32;

    private final Mac mac;

    HmacSha256(byte[] key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            // Every Java SE platform must provide HmacSHA256: this is a broken JRE.
            throw new IllegalStateException("HmacSHA256 is not available: " + e.getMessage(), e);
        }
    }

    byte[] mac(byte[]... parts) {
        for (byte[] p : parts) {
            mac.update(p);
        }
        return mac.doFinal();
    }

    /** The MAC of {@code length} readable octets of {@code buf} from {@code index}, without moving its indexes. */
    byte[] mac(ByteBuf buf, int index, int length) {
        mac.update(buf.nioBuffer(index, length));
        return mac.doFinal();
    }

    /** Compares in constant time, so that timing does not reveal how much of a forged MAC was right. */
    static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
