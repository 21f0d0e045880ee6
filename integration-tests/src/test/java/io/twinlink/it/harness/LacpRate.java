package io.twinlink.it.harness;

/** LACP_Timeout [802.1AX-2020 6.4.2.3]: fast asks the partner for a LACPDU every 1 s, slow every 30 s. */
public enum LacpRate {
    FAST, SLOW;

    /** The word OVS (`lacp-time`) and Linux bonding (`lacp_rate`) both use. */
    String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
