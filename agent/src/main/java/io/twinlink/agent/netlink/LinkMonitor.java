package io.twinlink.agent.netlink;

import java.util.Optional;

/**
 * Where the agent learns about its ports: changes are pushed to the {@link LinkListener} the
 * monitor was opened with (no polling), and the current state can be asked for at any time.
 */
public interface LinkMonitor extends AutoCloseable {

    /**
     * The interface as it is now: ifindex, MAC, admin state, carrier, speed and duplex.
     *
     * @return empty when there is no interface by that name
     */
    Optional<LinkStatus> status(String name) throws NetlinkException;

    /**
     * The carrier of an interface as the driver reports it this moment, without waiting for
     * the kernel's notification; empty when it cannot be told (then only notifications count).
     */
    default Optional<Boolean> carrierNow(String name) {
        return Optional.empty();
    }

    /** Stops notifications; after it returns the listener is not called again. */
    @Override
    void close();
}
