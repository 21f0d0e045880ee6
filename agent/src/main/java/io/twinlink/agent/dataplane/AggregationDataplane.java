package io.twinlink.agent.dataplane;

import java.util.List;

/**
 * The kernel side of link aggregation: it creates the aggregate interface the host uses and
 * moves frames between it and the members the LACP Mux machine lets carry traffic.
 *
 * <p>Implementations: {@link TcDataplane} ({@code tc}), {@link LinuxBondDataplane}
 * ({@code linux-bond}), {@link NoDataplane} ({@code none}); {@link #forName} picks one from
 * the configuration. Calls come from the daemon's event loop, one at a time.
 */
public interface AggregationDataplane extends AutoCloseable {

    /** The configuration name: {@code tc}, {@code linux-bond} or {@code none}. */
    String name();

    /**
     * Creates the aggregate interface {@code name} over {@code members}. No member collects or
     * distributes yet: traffic starts when the Mux machine enables it.
     *
     * @throws DataplaneException when an interface is missing, the name is taken, or the
     *                            kernel refuses; nothing is left behind then
     */
    Aggregate createAggregate(String name, List<String> members) throws DataplaneException;

    /** Removes every aggregate this data plane created, and what it set up on their members. */
    @Override
    void close();

    /** The data plane of a configuration's {@code dataplane:} value. */
    static AggregationDataplane forName(String name) throws DataplaneException {
        return switch (name) {
            case TcDataplane.NAME -> new TcDataplane();
            case LinuxBondDataplane.NAME -> new LinuxBondDataplane();
            case NoDataplane.NAME -> new NoDataplane();
            default -> throw new DataplaneException("unknown dataplane \"" + name + "\" (expected tc, linux-bond or none)");
        };
    }
}
