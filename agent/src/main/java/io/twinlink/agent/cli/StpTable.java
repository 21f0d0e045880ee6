package io.twinlink.agent.cli;

import io.twinlink.agent.control.StpSnapshot;

/** {@code twinlink show stp} without {@code --json}: the bridge and root, then one row per port. */
final class StpTable {

    private StpTable() {
    }

    static String render(StpSnapshot s) {
        StringBuilder out = new StringBuilder();
        out.append("bridge ").append(s.bridge()).append("  id ").append(s.bridgeId()).append("  mode ").append(s.mode())
                .append('\n');
        out.append("root   ").append(s.rootId());
        if (s.rootPort() == null) {
            out.append("  (this bridge is the root)\n");
        } else {
            out.append("  via ").append(s.rootPort()).append("  cost ").append(s.rootPathCost()).append('\n');
        }
        out.append("topology changes ").append(s.topologyChanges())
                .append(s.topologyChange() ? "  (change in progress)" : "").append("\n\n");
        TextTable t = new TextTable("port", "port id", "role", "state", "cost", "edge", "p2p", "protocol",
                "designated bridge", "guard").right("cost");
        for (StpSnapshot.Port p : s.ports()) {
            t.row(p.name(), String.format("%d.%d", (p.portId() >> 12) * 16, p.portId() & 0xFFF), p.role(), p.state(),
                    p.pathCost(), p.edge() ? "yes" : "no", p.pointToPoint() ? "yes" : "no", p.protocol(),
                    p.designatedBridge(), p.guard() == null ? "-" : p.guard());
        }
        out.append(t.render(""));
        return out.toString();
    }
}
