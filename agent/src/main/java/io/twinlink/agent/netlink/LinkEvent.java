package io.twinlink.agent.netlink;

/**
 * The kernel told us an interface appeared, changed (admin state, carrier, operational
 * state, name, MAC, master) or went away.
 *
 * @param link          the interface as the kernel now describes it (its last state when removed)
 * @param removed       the interface no longer exists
 * @param receivedNanos {@link System#nanoTime()} when the notification was read from the
 *                      socket, to measure reaction times against
 */
public record LinkEvent(LinkState link, boolean removed, long receivedNanos) {
}
