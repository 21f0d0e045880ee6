package io.twinlink.agent.cli;

import io.twinlink.agent.control.MlagSnapshot;

/** {@code twinlink show mlag} without {@code --json}: the pair, then bundles, then consistency. */
final class MlagTable {

    private MlagTable() {
    }

    static String render(MlagSnapshot s) {
        StringBuilder out = new StringBuilder();
        out.append("domain ").append(s.domainId()).append("  role ").append(s.role()).append("  state ")
                .append(s.pairState()).append('\n');
        out.append("system ").append(s.systemPriority()).append(',').append(s.systemMac())
                .append(s.advertisedSystem().equals(s.systemMac()) ? "  (advertised)"
                        : "  (advertising own " + s.advertisedSystem() + ")").append('\n');
        out.append("peer   ").append(s.peer().address()).append("  ").append(s.peer().state());
        if (s.peer().lastHeartbeatMs() >= 0) {
            out.append("  last heartbeat ").append(s.peer().lastHeartbeatMs()).append(" ms ago");
        }
        out.append("\nbackup ").append(s.backup().state()).append("\n\n");
        TextTable bundles = new TextTable("mlag-id", "bundle", "local", "peer", "protodown", "reason").right("mlag-id");
        for (MlagSnapshot.Bundle b : s.bundles()) {
            bundles.row(b.mlagId(), b.name(), b.local(), b.peer(), b.protodown() ? "yes" : "no", b.reason());
        }
        out.append(bundles.render(""));
        if (!s.consistency().isEmpty()) {
            out.append('\n');
            TextTable rows = new TextTable("consistency", "local", "peer", "ok");
            for (MlagSnapshot.Consistency c : s.consistency()) {
                rows.row(c.item(), c.local(), c.peer(), c.ok() ? "yes" : "NO");
            }
            out.append(rows.render(""));
        }
        return out.toString();
    }
}
