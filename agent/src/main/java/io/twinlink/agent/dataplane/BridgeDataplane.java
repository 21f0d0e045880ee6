package io.twinlink.agent.dataplane;

/**
 * What spanning tree drives on the Linux bridge: the forwarding state of each port and the
 * flushing of learned addresses on a topology change [802.1D-2004 17.30, 17.31].
 */
public interface BridgeDataplane extends AutoCloseable {

    /** The three port states of RSTP [802.1D-2004 17.5]. */
    enum PortState { DISCARDING, LEARNING, FORWARDING }

    void setPortState(String port, PortState state) throws DataplaneException;

    /** Forgets the addresses learned on {@code port} (fdbFlush, 17.19.7). */
    void flushFdb(String port) throws DataplaneException;

    /** Leaves every port discarding (no loop can form while nobody runs STP) and removes the BPDU filter. */
    @Override
    void close();
}
