package io.twinlink.agent.cli;

import io.twinlink.agent.control.AggregatorSnapshot;
import io.twinlink.agent.control.LacpSnapshot;
import io.twinlink.agent.control.MemberSnapshot;
import io.twinlink.wire.LacpInfo;
import io.twinlink.wire.LacpPortState;

/** {@code twinlink show lacp} without {@code --json}: one block per aggregator. */
final class LacpTable {

    /**
     * One letter per Actor/Partner state bit, lowest bit first [802.1AX-2020 6.4.2.3]; '-' when
     * clear, so that the columns line up and a missing flag stands out.
     */
    private static final String FLAG_LETTERS = "ATGSCDFE";
    static final String LEGEND = "flags: A activity, T short timeout, G aggregation, S synchronization,"
            + " C collecting, D distributing, F defaulted, E expired";

    private LacpTable() {
    }

    static String render(LacpSnapshot lacp) {
        StringBuilder sb = new StringBuilder()
                .append("system ").append(lacp.system().priority()).append(',').append(lacp.system().mac()).append('\n');
        if (lacp.aggregators().isEmpty()) {
            return sb.append("no aggregators\n").toString();
        }
        for (AggregatorSnapshot a : lacp.aggregators()) {
            sb.append('\n').append(a.name())
                    .append("  key ").append(a.key())
                    .append("  partner ").append(a.partnerSystem())
                    .append("  active ").append(a.active() ? "yes" : "no").append('\n');
            if (a.members().isEmpty()) {
                sb.append("  (no members)\n");
                continue;
            }
            TextTable t = new TextTable("port", "port#", "selected", "mux", "actor", "partner",
                    "partner system", "partner key", "partner port", "lacpdu rx", "lacpdu tx")
                    .right("port#", "partner key", "partner port", "lacpdu rx", "lacpdu tx");
            for (MemberSnapshot m : a.members()) {
                LacpInfo p = m.partner();
                t.row(m.port(), m.portNumber(), m.selected(), m.mux(), flags(m.actor().state()), flags(p.state()),
                        p.systemPriority() + "," + p.system(), p.key(), p.portPriority() + "," + p.port(),
                        m.counters().lacpduRx(), m.counters().lacpduTx());
            }
            sb.append(t.render("  "));
        }
        return sb.append('\n').append(LEGEND).append('\n').toString();
    }

    static String flags(LacpPortState state) {
        StringBuilder sb = new StringBuilder(8);
        for (int bit = 0; bit < 8; bit++) {
            sb.append(state.has(1 << bit) ? FLAG_LETTERS.charAt(bit) : '-');
        }
        return sb.toString();
    }
}
