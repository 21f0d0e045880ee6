package io.twinlink.agent.dataplane;

import java.util.List;

/**
 * One aggregate interface and its members, as the Mux machine drives them. Collecting and
 * distributing are separate switches because independent control enables them one after the
 * other [802.1AX-2020 6.4.15 Enable_Collecting, Enable_Distributing; 6.4.13 Figure 6-21];
 * coupled control switches both at once [6.4.15 Enable_Collecting_Distributing].
 * Switching a member to the state it is already in does nothing.
 */
public interface Aggregate {

    /** The interface the host uses (IP addresses, bridge membership go here). */
    String name();

    List<String> members();

    /** Frames received on {@code member} are (or stop being) passed up to the aggregate. */
    void setCollecting(String member, boolean enabled) throws DataplaneException;

    /** Frames sent on the aggregate may (or may no longer) leave through {@code member}. */
    void setDistributing(String member, boolean enabled) throws DataplaneException;

    /**
     * Both switches together, in the safe order: collecting before distributing when
     * enabling, distributing before collecting when disabling.
     */
    default void setCollectingDistributing(String member, boolean enabled) throws DataplaneException {
        if (enabled) {
            setCollecting(member, true);
            setDistributing(member, true);
        } else {
            setDistributing(member, false);
            setCollecting(member, false);
        }
    }

    boolean isCollecting(String member);

    boolean isDistributing(String member);

    /** Deletes the aggregate interface and undoes what was set up on the members. */
    void remove();
}
