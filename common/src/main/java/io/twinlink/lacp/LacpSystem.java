package io.twinlink.lacp;

import io.twinlink.wire.MacAddress;

/**
 * The Actor's System Identifier [802.1AX-2020 6.3.2]: priority and MAC. It comes from
 * configuration, not from a NIC, so that an MC-LAG pair can both advertise one shared ID.
 * Comparable the way the standard orders systems: lower priority wins, then lower MAC.
 */
public record LacpSystem(int priority, MacAddress mac) implements Comparable<LacpSystem> {

    public LacpSystem {
        if (priority < 0 || priority > 0xFFFF) {
            throw new IllegalArgumentException("system priority must be 0..65535, got " + priority);
        }
        if (mac == null || mac.isMulticast()) {
            throw new IllegalArgumentException("system ID must be a unicast MAC, got " + mac);
        }
    }

    @Override
    public int compareTo(LacpSystem o) {
        int c = Integer.compare(priority, o.priority);
        return c != 0 ? c : mac.compareTo(o.mac);
    }

    @Override
    public String toString() {
        return priority + "," + mac;
    }
}
