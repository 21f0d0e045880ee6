package io.twinlink.agent.control;

import io.twinlink.wire.LacpInfo;
import java.util.Objects;

/**
 * One aggregation port as {@code show lacp} reports it: JSON {@code {port, portNumber,
 * selected, mux, actor, partner, counters}}; actor and partner are the operational
 * information [802.1AX-2020 6.4.7] in the shape {@code decode --json} uses.
 *
 * @param port       the interface name
 * @param portNumber Actor_Port, the number carried in LACPDUs
 */
public record MemberSnapshot(String port, int portNumber, SelectedState selected, MuxState mux,
                             LacpInfo actor, LacpInfo partner, PortCounters counters) {

    public MemberSnapshot {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(selected, "selected");
        Objects.requireNonNull(mux, "mux");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(counters, "counters");
    }
}
