package io.twinlink.agent.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads the {@code stp:} section, with the ranges of 802.1D-2004 tables 17-1 and 17-2. */
final class StpSection {

    static final String[] KEYS = {
        "bridge", "mode", "priority", "hello-time", "max-age", "forward-delay", "tx-hold-count", "path-cost", "ports"
    };
    static final String[] PORT_KEYS = {"cost", "priority", "edge", "point-to-point", "bpdu-guard", "root-guard"};

    /** Bridge priority is carried in the top 4 bits of the Bridge Identifier [802.1D-2004 9.2.5]. */
    private static final int BRIDGE_PRIORITY_STEP = 4096;
    /** Port priority is carried in the top 4 bits of the Port Identifier [802.1D-2004 9.2.7]. */
    private static final int PORT_PRIORITY_STEP = 16;
    /** Port Path Cost range [802.1D-2004 17.14, table 17-3]. */
    private static final int MAX_PATH_COST = 200_000_000;

    private final InterfaceCatalog interfaces;

    StpSection(InterfaceCatalog interfaces) {
        this.interfaces = interfaces;
    }

    Optional<StpConfig> read(ConfigNode stp, List<BundleConfig> bundles) {
        if (!stp.mapping(KEYS)) {
            return Optional.empty();
        }
        ConfigNode bridgeNode = stp.field("bridge");
        String bridge = "";
        if (!bridgeNode.present()) {
            bridgeNode.problem("required (the Linux bridge's name)");
        } else {
            bridge = bridgeNode.interfaceName().orElse("");
            if (!bridge.isEmpty() && !interfaces.exists(bridge)) {
                bridgeNode.problem("no such interface \"" + bridge + "\"");
            }
        }
        StpMode mode = stp.field("mode").choice(StpMode.class, StpMode.RSTP);
        int priority = multipleOf(stp.field("priority"), 0, 61440, BRIDGE_PRIORITY_STEP, StpConfig.DEFAULT_PRIORITY);
        int before = stp.problemCount();
        int hello = stp.field("hello-time").integer(1, 2, StpConfig.DEFAULT_HELLO_TIME);
        int maxAge = stp.field("max-age").integer(6, 40, StpConfig.DEFAULT_MAX_AGE);
        int forwardDelay = stp.field("forward-delay").integer(4, 30, StpConfig.DEFAULT_FORWARD_DELAY);
        if (stp.problemCount() == before) {
            checkTimers(stp, hello, maxAge, forwardDelay);
        }
        int txHoldCount = stp.field("tx-hold-count").integer(1, 10, StpConfig.DEFAULT_TX_HOLD_COUNT);
        StpPathCost pathCost = stp.field("path-cost").choice(StpPathCost.class, StpPathCost.LONG);
        Map<String, StpPortConfig> ports = new LinkedHashMap<>();
        stp.field("ports").entries("port names to {cost, priority, edge}")
                .forEach((name, node) -> ports.put(name, readPort(name, node, bundles)));
        return Optional.of(new StpConfig(bridge, mode, priority, hello, maxAge, forwardDelay, txHoldCount, pathCost,
                ports));
    }

    /**
     * 2 x (Bridge Forward Delay - 1 s) >= Bridge Max Age >= 2 x (Bridge Hello Time + 1 s)
     * [802.1D-2004 17.14]: otherwise information can age out before a new path forwards.
     */
    private static void checkTimers(ConfigNode stp, int hello, int maxAge, int forwardDelay) {
        String rule = "2*(forward-delay-1) >= max-age >= 2*(hello-time+1) [802.1D-2004 17.14]";
        if (2 * (forwardDelay - 1) < maxAge) {
            stp.field("forward-delay").problem(forwardDelay + " is too short for max-age " + maxAge + ": " + rule);
        }
        if (maxAge < 2 * (hello + 1)) {
            stp.field("max-age").problem(maxAge + " is too short for hello-time " + hello + ": " + rule);
        }
    }

    private StpPortConfig readPort(String name, ConfigNode node, List<BundleConfig> bundles) {
        checkPortName(name, node, bundles);
        if (!node.present() || !node.mapping(PORT_KEYS)) {
            return StpPortConfig.defaults();
        }
        OptionalInt cost = node.field("cost").optionalInteger(1, MAX_PATH_COST);
        int priority = multipleOf(node.field("priority"), 0, 240, PORT_PRIORITY_STEP, StpPortConfig.DEFAULT_PRIORITY);
        boolean edge = node.field("edge").bool(false);
        StpPointToPoint p2p = node.field("point-to-point").choice(StpPointToPoint.class, StpPointToPoint.AUTO);
        boolean bpduGuard = node.field("bpdu-guard").bool(false);
        boolean rootGuard = node.field("root-guard").bool(false);
        if (bpduGuard && !edge) {
            node.field("bpdu-guard").problem("only applies to an edge port (set edge: true)");
        }
        return new StpPortConfig(cost, priority, edge, p2p, bpduGuard, rootGuard);
    }

    /** A port is a host interface or a bundle's aggregate (which the agent creates), never a bundle member. */
    private void checkPortName(String name, ConfigNode node, List<BundleConfig> bundles) {
        for (int i = 0; i < bundles.size(); i++) {
            BundleConfig b = bundles.get(i);
            if (b.name().equals(name)) {
                return;
            }
            if (b.members().contains(name)) {
                node.problem("\"" + name + "\" is a member of lacp[" + i + "] (" + b.name()
                        + "); put the aggregate \"" + b.name() + "\" in STP instead");
                return;
            }
        }
        if (!interfaces.exists(name)) {
            node.problem("no such interface \"" + name + "\"");
        }
    }

    private static int multipleOf(ConfigNode node, int min, int max, int step, int absent) {
        int before = node.problemCount();
        int v = node.integer(min, max, absent);
        if (node.problemCount() == before && v % step != 0) {
            node.problem("must be a multiple of " + step + " in " + min + ".." + max + ", got " + v);
            return absent;
        }
        return v;
    }
}
