package io.twinlink.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * The Actor_State / Partner_State octet of a LACPDU [802.1AX-2020 6.4.2.3 l) and 6.4.2.2].
 *
 * <pre>
 *  bit 0  LACP_Activity     1 = active, 0 = passive
 *  bit 1  LACP_Timeout      1 = short (fast), 0 = long (slow)
 *  bit 2  Aggregation       1 = aggregatable, 0 = individual
 *  bit 3  Synchronization   1 = IN_SYNC
 *  bit 4  Collecting
 *  bit 5  Distributing
 *  bit 6  Defaulted         1 = partner information is the administrative default
 *  bit 7  Expired           1 = Receive machine is in EXPIRED
 * </pre>
 */
public record LacpPortState(int bits) {

    public static final int ACTIVITY = 0x01;
    public static final int TIMEOUT = 0x02;
    public static final int AGGREGATION = 0x04;
    public static final int SYNCHRONIZATION = 0x08;
    public static final int COLLECTING = 0x10;
    public static final int DISTRIBUTING = 0x20;
    public static final int DEFAULTED = 0x40;
    public static final int EXPIRED = 0x80;

    /** Flag names in bit order, as the JSON contract spells them ({@code stateFlags}). */
    private static final String[] NAMES = {
        "activity", "timeout", "aggregation", "synchronization",
        "collecting", "distributing", "defaulted", "expired"
    };

    public LacpPortState {
        if ((bits & ~0xFF) != 0) {
            throw new IllegalArgumentException("state is one octet: " + bits);
        }
    }

    /** One shared instance per octet value: states are decoded twice per LACPDU, millions of times. */
    private static final LacpPortState[] ALL = new LacpPortState[256];

    static {
        for (int i = 0; i < ALL.length; i++) {
            ALL[i] = new LacpPortState(i);
        }
    }

    public static LacpPortState of(int bits) {
        return bits >= 0 && bits < ALL.length ? ALL[bits] : new LacpPortState(bits);
    }

    public boolean has(int flag) {
        return (bits & flag) != 0;
    }

    public LacpPortState with(int flag, boolean set) {
        return of(set ? bits | flag : bits & ~flag);
    }

    public boolean activity() { return has(ACTIVITY); }
    public boolean shortTimeout() { return has(TIMEOUT); }
    public boolean aggregation() { return has(AGGREGATION); }
    public boolean synchronization() { return has(SYNCHRONIZATION); }
    public boolean collecting() { return has(COLLECTING); }
    public boolean distributing() { return has(DISTRIBUTING); }
    public boolean defaulted() { return has(DEFAULTED); }
    public boolean expired() { return has(EXPIRED); }

    /** The names of the set bits, lowest bit first. */
    public List<String> flagNames() {
        List<String> out = new ArrayList<>(8);
        for (int i = 0; i < 8; i++) {
            if ((bits & (1 << i)) != 0) {
                out.add(NAMES[i]);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "0x" + String.format("%02x", bits) + flagNames();
    }
}
