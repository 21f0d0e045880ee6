package io.twinlink.agent.control;

import io.twinlink.wire.MacAddress;
import java.util.List;
import java.util.Objects;

/**
 * One configured bundle as {@code show lacp} reports it: JSON {@code {name, key,
 * partnerSystem, active, members}}.
 *
 * @param key           the actor's operational key [802.1AX-2020 6.3.5]
 * @param partnerSystem the partner's System ID MAC the aggregator is bound to, all zeros if none
 * @param active        whether the aggregator carries traffic (at least one member distributing
 *                      and min-links met)
 */
public record AggregatorSnapshot(String name, int key, MacAddress partnerSystem, boolean active,
                                 List<MemberSnapshot> members) {

    public AggregatorSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(partnerSystem, "partnerSystem");
        members = List.copyOf(members);
    }
}
