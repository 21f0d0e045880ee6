package io.twinlink.agent.config;

/** LACP_Activity [802.1AX-2020 6.4.2.3]: active ports send LACPDUs unprompted, passive ones only answer. */
public enum LacpMode {
    ACTIVE,
    PASSIVE
}
