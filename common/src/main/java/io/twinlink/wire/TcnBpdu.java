package io.twinlink.wire;

/**
 * A Topology Change Notification BPDU [802.1D-2004 9.3.2, figure 9-2]: protocol identifier,
 * version and type, nothing else (4 octets).
 */
public record TcnBpdu(int protocolVersion) implements Bpdu {

    public static final int VERSION = 0;
    public static final int LENGTH = BpduLayout.TCN_LENGTH;

    public TcnBpdu {
        InformationFields.requireVersion(protocolVersion);
    }

    public TcnBpdu() {
        this(VERSION);
    }

    @Override
    public BpduType type() {
        return BpduType.TCN;
    }

    /** The exact 4 octets {@code 00 00 00 80}. */
    public byte[] encode() {
        return new byte[] {0, 0, VERSION, (byte) BpduType.TCN.code()};
    }
}
