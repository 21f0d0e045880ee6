package io.twinlink.wire.pcap;

/**
 * A capture file that is not pcap/pcapng, or whose structure is broken (a record longer than
 * the file, a block whose two lengths disagree...). Carries the file offset and a one-line
 * reason; no stack trace is ever needed to explain it.
 */
public final class MalformedCaptureException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long offset;
    private final String reason;

    public MalformedCaptureException(long offset, String reason) {
        super(reason + " at file offset " + offset, null, false, false);
        this.offset = offset;
        this.reason = reason;
    }

    public long offset() {
        return offset;
    }

    public String reason() {
        return reason;
    }
}
