package io.twinlink.wire;

/**
 * A frame or PDU that cannot be decoded. Carries the octet offset (relative to the start of
 * the buffer handed to the decoder) where decoding stopped and a one-line reason, so that
 * a counter can be bumped and a log line written without a stack trace.
 */
public final class MalformedPduException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String reason;

    public MalformedPduException(int offset, String reason) {
        super(reason + " at offset " + offset, null, false, false);
        this.offset = offset;
        this.reason = reason;
    }

    public int offset() {
        return offset;
    }

    public String reason() {
        return reason;
    }

    /**
     * The same problem seen from an enclosing buffer: a PDU decoder reports offsets from the
     * PDU's first octet, the frame decoder moves them to the frame's first octet.
     */
    public MalformedPduException shifted(int by) {
        return by == 0 ? this : new MalformedPduException(offset + by, reason);
    }

    /** Throws unless {@code length} octets are available from {@code offset} in a region of {@code limit} octets. */
    public static void require(int limit, int offset, int length, String what) throws MalformedPduException {
        if (offset < 0 || length < 0 || offset + length > limit) {
            throw new MalformedPduException(offset,
                    "truncated " + what + ": need " + length + " octets, have " + Math.max(0, limit - offset));
        }
    }
}
