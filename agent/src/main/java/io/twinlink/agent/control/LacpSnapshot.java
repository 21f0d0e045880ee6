package io.twinlink.agent.control;

import java.util.List;
import java.util.Objects;

/**
 * Everything {@code show lacp --json} prints (DESIGN.md): {@code {system, aggregators}}.
 * Immutable: built on the event loop, read on any thread.
 */
public record LacpSnapshot(SystemIdentity system, List<AggregatorSnapshot> aggregators) {

    public LacpSnapshot {
        Objects.requireNonNull(system, "system");
        aggregators = List.copyOf(aggregators);
    }
}
