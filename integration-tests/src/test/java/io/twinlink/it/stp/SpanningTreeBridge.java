package io.twinlink.it.stp;

import io.twinlink.it.harness.Netns;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bridge running spanning tree in its own namespace: the kernel's 802.1D bridge, Open
 * vSwitch's RSTP or twinlink on a Linux bridge. Its bridge device carries an address so that
 * traffic can be sent across the tree.
 */
interface SpanningTreeBridge extends AutoCloseable {

    /** The bridge device (an L3 interface in the namespace). */
    String DEVICE = "br0";

    /** {@code kernel}, {@code ovs} or {@code twinlink}, for messages and figure names. */
    String kind();

    Netns netns();

    BridgeStatus status();

    /**
     * Port states as the packet path applies them, where that can differ from what the
     * protocol reports (twinlink drives the Linux bridge's own port states); otherwise the
     * states of {@link #status()}.
     */
    default Map<String, PortState> dataplaneStates() {
        Map<String, PortState> states = new LinkedHashMap<>();
        status().ports().forEach(p -> states.put(p.name(), p.state()));
        return states;
    }

    /** Stops the bridge's daemons (the namespace itself belongs to the caller). */
    @Override
    void close();
}
