package io.twinlink.wire;

import java.util.OptionalInt;

/**
 * A BPDU with what its frame said about it: whether it came the PVST+ way (Cisco SNAP
 * encapsulation, PID 0x010b, or sent to 01:00:0c:cc:cc:cd), and the VLAN named in the
 * PVST+ Originating VLAN TLV when there was one.
 */
public record FramedBpdu(Bpdu bpdu, boolean pvst, OptionalInt pvstVlan) implements FramePdu {

    public FramedBpdu {
        if (bpdu == null || pvstVlan == null) {
            throw new IllegalArgumentException("bpdu and pvstVlan are required");
        }
    }

    public static FramedBpdu ieee(Bpdu bpdu) {
        return new FramedBpdu(bpdu, false, OptionalInt.empty());
    }
}
