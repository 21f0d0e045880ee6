package io.twinlink.wire;

/** The BPDU Type octet [802.1D-2004 9.3.1-9.3.3]. MST and SPT BPDUs use the RST type. */
public enum BpduType {
    CONFIG(0x00),
    TCN(0x80),
    RST(0x02);

    private final int code;

    BpduType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
