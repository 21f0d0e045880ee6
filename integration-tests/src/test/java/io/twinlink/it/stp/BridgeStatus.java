package io.twinlink.it.stp;

import java.util.List;

/** What one bridge says of the spanning tree at one instant. */
record BridgeStatus(String bridge, BridgeIdentifier bridgeId, BridgeIdentifier rootId, List<BridgePort> ports) {

    BridgeStatus {
        ports = List.copyOf(ports);
    }

    BridgePort port(String name) {
        return ports.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no port " + name + " in " + this));
    }

    boolean isRoot() {
        return bridgeId.equals(rootId);
    }
}
