package io.twinlink.agent.cli;

import io.twinlink.agent.control.PortSnapshot;
import io.twinlink.agent.control.PortsSnapshot;

/** {@code twinlink show ports} without {@code --json}: one row per port. */
final class PortsTable {

    private PortsTable() {
    }

    static String render(PortsSnapshot ports) {
        if (ports.ports().isEmpty()) {
            return "no ports\n";
        }
        TextTable t = new TextTable("port", "ifindex", "mac", "carrier", "speed", "duplex", "bundle", "mux",
                "rx frames", "tx frames", "malformed", "policed", "stranger")
                .right("ifindex", "speed", "rx frames", "tx frames", "malformed", "policed", "stranger");
        for (PortSnapshot p : ports.ports()) {
            t.row(p.name(), p.ifindex(), p.mac(), p.carrier(), p.speed() == null ? "-" : p.speed() + "Mb/s",
                    p.duplex(), orDash(p.bundle()), orDash(p.mux()), p.rxFrames(), p.txFrames(), p.malformedRx(),
                    p.policedRx(), p.strangerRx());
        }
        return t.render("");
    }

    private static String orDash(Object o) {
        return o == null ? "-" : o.toString();
    }
}
