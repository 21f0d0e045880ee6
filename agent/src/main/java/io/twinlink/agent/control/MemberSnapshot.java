package io.twinlink.agent.control;

import io.twinlink.lacp.MuxMachine;
import io.twinlink.lacp.Selected;
import io.twinlink.wire.LacpInfo;
import java.util.Objects;

/**
 * One aggregation port as {@code show lacp} reports it: JSON {@code {port, portNumber,
 * selected, mux, actor, partner, counters}}; actor and partner are the operational
 * information [802.1AX-2020 6.4.7] in the shape {@code decode --json} uses. {@code selected}
 * and {@code mux} are the engine's own enums, serialised by name in upper case.
 *
 * @param port       the interface name
 * @param portNumber Actor_Port, the number carried in LACPDUs
 */
public record MemberSnapshot(String port, int portNumber, Selected selected, MuxMachine.State mux,
                             LacpInfo actor, LacpInfo partner, PortStats counters) {

    public MemberSnapshot {
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(selected, "selected");
        Objects.requireNonNull(mux, "mux");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(counters, "counters");
    }
}
