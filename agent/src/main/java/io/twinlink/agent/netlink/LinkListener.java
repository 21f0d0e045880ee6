package io.twinlink.agent.netlink;

/**
 * Receives link changes on the monitor's own thread. Implementations must return at once
 * (post the event to the daemon's event loop): the next kernel notification waits for it.
 */
@FunctionalInterface
public interface LinkListener {

    void linkChanged(LinkEvent event);
}
