package io.twinlink.agent.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One link aggregation: the aggregate interface {@code name}, the operational key its members
 * share [802.1AX-2020 6.3.5], and how they negotiate.
 *
 * @param minLinks      fewer selected members than this and the aggregate stays down
 * @param maxLinks      more candidates than this and the rest are STANDBY [802.1AX-2020 6.7.1];
 *                      empty means no limit
 * @param mlagId        set when this bundle spans both peers of an MC-LAG pair
 * @param aggregateWait Aggregate_Wait_Time [802.1AX-2020 6.4.4], 2 s by default
 * @param portPriority  Actor_Port_Priority for every member; empty leaves the agent's default
 */
public record BundleConfig(String name, int key, LacpMode mode, LacpRate rate, int minLinks,
                           OptionalInt maxLinks, List<String> members, OptionalInt mlagId,
                           Duration aggregateWait, OptionalInt portPriority) {

    public static final Duration DEFAULT_AGGREGATE_WAIT = Duration.ofSeconds(2);

    public BundleConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(maxLinks, "maxLinks");
        members = List.copyOf(members);
        Objects.requireNonNull(mlagId, "mlagId");
        Objects.requireNonNull(aggregateWait, "aggregateWait");
        Objects.requireNonNull(portPriority, "portPriority");
    }
}
