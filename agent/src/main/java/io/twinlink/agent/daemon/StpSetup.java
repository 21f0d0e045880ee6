package io.twinlink.agent.daemon;

import io.twinlink.agent.config.StpConfig;
import io.twinlink.agent.config.StpMode;
import io.twinlink.agent.config.StpPathCost;
import io.twinlink.agent.config.StpPortConfig;
import io.twinlink.stp.AdminPointToPoint;
import io.twinlink.stp.BridgeConfig;
import io.twinlink.stp.ForceProtocolVersion;
import io.twinlink.stp.PathCostMethod;
import io.twinlink.stp.PortConfig;
import io.twinlink.stp.StpEngine;
import io.twinlink.fsm.MachineTrace;
import io.twinlink.wire.MacAddress;
import java.util.Map;

/**
 * Turns the {@code stp:} section into an {@link StpEngine}: the Linux bridge's own MAC as the
 * bridge address, ports numbered 1, 2, ... in configuration order, AutoEdge on [17.13.3].
 */
public final class StpSetup {

    private StpSetup() {
    }

    public static StpEngine engine(StpConfig config, MacAddress bridgeMac, MachineTrace trace) {
        BridgeConfig bridge = new BridgeConfig(config.bridge(), bridgeMac, config.priority(),
                config.mode() == StpMode.STP ? ForceProtocolVersion.STP : ForceProtocolVersion.RSTP,
                config.helloTime(), config.maxAge(), config.forwardDelay(), config.txHoldCount(),
                config.pathCost() == StpPathCost.SHORT ? PathCostMethod.SHORT : PathCostMethod.LONG);
        StpEngine engine = new StpEngine(bridge, trace);
        int number = 1;
        for (Map.Entry<String, StpPortConfig> e : config.ports().entrySet()) {
            StpPortConfig p = e.getValue();
            engine.addPort(new PortConfig(e.getKey(), number++, p.priority(),
                    p.cost().isPresent() ? p.cost().getAsInt() : PortConfig.AUTO_PATH_COST,
                    p.edge(), true, switch (p.pointToPoint()) {
                        case AUTO -> AdminPointToPoint.AUTO;
                        case TRUE -> AdminPointToPoint.FORCE_TRUE;
                        case FALSE -> AdminPointToPoint.FORCE_FALSE;
                    }, p.bpduGuard(), p.rootGuard()));
        }
        return engine;
    }
}
