package io.twinlink.mlag;

import io.twinlink.wire.MacAddress;
import java.util.Objects;

/**
 * One peer's own identity inside the pair, used only to elect the primary: the configured
 * MLAG priority and the node's own (not the shared) MAC. Ordered the way DESIGN.md "MC-LAG
 * pair" elects: lower priority wins, then lower MAC, compared numerically like an 802.1AX
 * System Identifier [802.1AX-2020 6.3.2].
 */
public record NodeId(int priority, MacAddress mac) implements Comparable<NodeId> {

    public NodeId {
        if (priority < 0 || priority > 0xFFFF) {
            throw new IllegalArgumentException("node priority must be 0..65535, got " + priority);
        }
        Objects.requireNonNull(mac, "mac");
    }

    @Override
    public int compareTo(NodeId o) {
        int c = Integer.compare(priority, o.priority);
        return c != 0 ? c : mac.compareTo(o.mac);
    }

    @Override
    public String toString() {
        return priority + "," + mac;
    }
}
