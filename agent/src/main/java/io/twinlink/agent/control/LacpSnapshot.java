package io.twinlink.agent.control;

import io.twinlink.lacp.AggregationPort;
import io.twinlink.lacp.Aggregator;
import io.twinlink.lacp.BundleConfig;
import io.twinlink.lacp.LacpEngine;
import io.twinlink.lacp.LacpSystem;
import io.twinlink.wire.LacpInfo;
import io.twinlink.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code show lacp --json} prints (DESIGN.md): {@code {system: {priority, mac},
 * aggregators}}. Immutable: built on the event loop, read on any thread.
 */
public record LacpSnapshot(LacpSystem system, List<AggregatorSnapshot> aggregators) {

    public LacpSnapshot {
        Objects.requireNonNull(system, "system");
        aggregators = List.copyOf(aggregators);
    }

    /**
     * Copies what the engine knows now, one aggregator per configured bundle, members in the
     * order they were added. The engine has no locks: call this on the event-loop thread only.
     */
    public static LacpSnapshot of(LacpEngine engine) {
        LacpSystem system = engine.system();
        List<AggregatorSnapshot> aggregators = new ArrayList<>();
        for (BundleConfig bundle : engine.bundles()) {
            Aggregator carrying = engine.activeAggregator(bundle.name());
            List<MemberSnapshot> members = new ArrayList<>();
            for (AggregationPort p : engine.ports()) {
                if (p.bundleName().equals(bundle.name())) {
                    members.add(member(system, p));
                }
            }
            aggregators.add(new AggregatorSnapshot(bundle.name(),
                    carrying == null ? bundle.key() : carrying.actorOperKey(),
                    carrying == null ? MacAddress.ZERO : carrying.partnerSystem(),
                    carrying != null, members));
        }
        return new LacpSnapshot(system, aggregators);
    }

    /** Actor information as this port's next LACPDU carries it [802.1AX-2020 6.4.2.3]. */
    private static MemberSnapshot member(LacpSystem system, AggregationPort p) {
        LacpInfo actor = new LacpInfo(system.priority(), system.mac(), p.actorOperPortKey(), p.portPriority(),
                p.portNumber(), p.actorOperPortState());
        return new MemberSnapshot(p.name(), p.portNumber(), p.selected(), p.muxState(), actor, p.partnerOperInfo(),
                PortStats.of(p.counters()));
    }
}
