package io.twinlink.it.stp;

import io.twinlink.agent.control.StpSnapshot;
import java.util.Locale;

/**
 * A Bridge Identifier [802.1D-2004 9.2.5] in one form for the three implementations under
 * test, which each print it their own way: the kernel's sysfs {@code 1000.52aac384987b},
 * twinlink's {@code {priority, systemIdExtension, mac}} and OVS's {@code stp-priority} plus
 * {@code stp-system-id}.
 *
 * @param priority the 16-bit priority field: the configured priority plus the system ID extension
 * @param mac      lower case, colon separated
 */
record BridgeIdentifier(int priority, String mac) {

    BridgeIdentifier {
        mac = mac.toLowerCase(Locale.ROOT);
    }

    /** {@code /sys/class/net/BR/bridge/root_id}: four hex digits of priority, a dot, twelve of MAC. */
    static BridgeIdentifier ofKernel(String sysfs) {
        String[] parts = sysfs.strip().split("\\.");
        if (parts.length != 2 || parts[1].length() != 12) {
            throw new IllegalArgumentException("not a kernel bridge id: \"" + sysfs + "\"");
        }
        String hex = parts[1];
        StringBuilder mac = new StringBuilder();
        for (int i = 0; i < 12; i += 2) {
            mac.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        return new BridgeIdentifier(Integer.parseInt(parts[0], 16), mac.toString());
    }

    static BridgeIdentifier of(StpSnapshot.Id id) {
        return new BridgeIdentifier(id.priority() + id.systemIdExtension(), id.mac().toString());
    }

    @Override
    public String toString() {
        return priority + "." + mac;
    }
}
