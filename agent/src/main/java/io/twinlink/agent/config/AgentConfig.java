package io.twinlink.agent.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A whole, validated configuration (DESIGN.md, "Configuration"). Built by {@link ConfigLoader}. */
public record AgentConfig(SystemConfig system, ControlConfig control, List<BundleConfig> lacp,
                          Optional<StpConfig> stp, Optional<MlagConfig> mlag, Dataplane dataplane,
                          Optional<Path> capture, LogLevel logLevel) {

    public AgentConfig {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(control, "control");
        lacp = List.copyOf(lacp);
        Objects.requireNonNull(stp, "stp");
        Objects.requireNonNull(mlag, "mlag");
        Objects.requireNonNull(dataplane, "dataplane");
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(logLevel, "logLevel");
    }

    /** Member ports over all bundles. */
    public int memberPortCount() {
        return lacp.stream().mapToInt(b -> b.members().size()).sum();
    }

    /** Ports the agent sends and receives control frames on: LACP members and STP ports. */
    public int controlPortCount() {
        return memberPortCount() + stp.map(s -> s.ports().size()).orElse(0);
    }
}
