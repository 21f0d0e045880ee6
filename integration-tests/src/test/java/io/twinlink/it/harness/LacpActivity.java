package io.twinlink.it.harness;

/** LACP_Activity of a port [802.1AX-2020 6.4.2.3]: active ports send LACPDUs unprompted. */
public enum LacpActivity {
    ACTIVE, PASSIVE;

    String ovsName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
