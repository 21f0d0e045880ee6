package io.twinlink.wire;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** "Every truncated prefix fails cleanly": the decoder throws MalformedPduException, nothing else. */
final class Truncation {

    interface Decoder {
        Object decode(ByteBuffer buf) throws MalformedPduException;
    }

    private Truncation() {
    }

    /** Every prefix shorter than {@code needed} octets must be rejected with a reason naming a truncation. */
    static void everyPrefixFails(byte[] golden, int needed, Decoder decoder) {
        for (int n = 0; n < needed; n++) {
            byte[] prefix = Arrays.copyOf(golden, n);
            assertThatThrownBy(() -> decoder.decode(ByteBuffer.wrap(prefix)))
                    .as("prefix of %d octets", n)
                    .isInstanceOf(MalformedPduException.class)
                    .hasMessageContaining("truncated");
        }
    }
}
