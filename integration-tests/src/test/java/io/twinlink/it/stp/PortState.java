package io.twinlink.it.stp;

import java.util.Locale;

/**
 * The three port states of 802.1D-2004 (17.4, table 17-1), to which each implementation's
 * words reduce: the kernel's 802.1D disabled, blocking and listening are all discarding.
 */
enum PortState {
    DISCARDING, LEARNING, FORWARDING;

    /** {@code /sys/class/net/BR/brif/PORT/state}: BR_STATE_DISABLED 0 .. BR_STATE_BLOCKING 4. */
    static PortState ofKernelNumber(int state) {
        return switch (state) {
            case 2 -> LEARNING;
            case 3 -> FORWARDING;
            case 0, 1, 4 -> DISCARDING;
            default -> throw new IllegalArgumentException("unknown kernel bridge port state " + state);
        };
    }

    /** twinlink's {@code discarding|learning|forwarding}, OVS's {@code Discarding|Learning|Forwarding|Disabled}. */
    static PortState ofWord(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "forwarding" -> FORWARDING;
            case "learning" -> LEARNING;
            case "discarding", "disabled", "blocking", "listening" -> DISCARDING;
            default -> throw new IllegalArgumentException("unknown port state \"" + word + "\"");
        };
    }
}
