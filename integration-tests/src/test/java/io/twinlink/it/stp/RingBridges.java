package io.twinlink.it.stp;

import java.util.List;

/** The kinds of bridge a {@link Ring} node can be, with the settings every ring test uses. */
final class RingBridges {

    private RingBridges() {
    }

    /** The kernel's 802.1D bridge with the short timers. */
    static Ring.BridgeFactory kernel() {
        return (netns, priority, mac, ports) -> KernelStpBridge.create(netns, priority, mac, StpTimers.SHORT, ports);
    }

    /**
     * twinlink beside 802.1D bridges: the same short timers and the 802.1D-1998 path costs the
     * kernel uses, so the tree does not depend on who computes the costs.
     *
     * @param mode {@code rstp} (it falls back to 802.1D per port [802.1D-2004 17.4]) or {@code stp}
     */
    static Ring.BridgeFactory twinlinkAmongKernels(String mode) {
        return (netns, priority, mac, ports) -> TwinlinkBridge.create(netns, priority, mac, StpTimers.SHORT,
                List.of("mode: " + mode, "path-cost: short"), ports);
    }

    /** twinlink in RSTP with the recommended timers and 802.1D-2004 path costs (as OVS). */
    static Ring.BridgeFactory twinlinkRstp() {
        return (netns, priority, mac, ports) -> TwinlinkBridge.create(netns, priority, mac, StpTimers.STANDARD,
                List.of("mode: rstp"), ports);
    }

    /** Open vSwitch RSTP with the recommended timers. */
    static Ring.BridgeFactory ovs() {
        return (netns, priority, mac, ports) -> OvsRstpBridge.create(netns, priority, mac, StpTimers.STANDARD, ports);
    }
}
