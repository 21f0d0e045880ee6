package io.twinlink.mlag;

import io.twinlink.wire.MacAddress;
import java.util.Objects;

/** A MAC address learned on an MLAG bundle, in one VLAN (0: untagged). */
public record MacEntry(MacAddress mac, int vlan, int mlagId) {

    public MacEntry {
        Objects.requireNonNull(mac, "mac");
        if (vlan < 0 || vlan > 4095) {
            throw new IllegalArgumentException("VLAN must be 0..4095, got " + vlan);
        }
        if (mlagId < 1 || mlagId > 0xFFFF) {
            throw new IllegalArgumentException("mlag-id must be 1..65535, got " + mlagId);
        }
    }
}
