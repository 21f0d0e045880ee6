package io.twinlink.agent.control;

import java.util.List;

/** Everything {@code show ports --json} prints: {@code {ports: [...]}}. */
public record PortsSnapshot(List<PortSnapshot> ports) {

    public PortsSnapshot {
        ports = List.copyOf(ports);
    }
}
