package io.twinlink.agent.daemon;

import io.twinlink.agent.config.AgentConfig;
import io.twinlink.agent.config.BundleConfig;
import io.twinlink.agent.config.LacpMode;
import io.twinlink.agent.config.LacpRate;
import io.twinlink.lacp.LacpEngine;
import io.twinlink.lacp.LacpSystem;
import io.twinlink.fsm.MachineTrace;
import io.twinlink.lacp.MuxControl;
import io.twinlink.lacp.PortConfig;
import io.twinlink.wire.MacAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the {@code lacp:} section of the configuration into a {@link LacpEngine}: one engine
 * bundle per aggregate, member ports numbered 1, 2, ... in configuration order, plus
 * {@code portNumberOffset} (an MC-LAG peer adds 0x8000 so the pair's numbers never overlap,
 * DESIGN.md "MC-LAG pair").
 */
public final class LacpSetup {

    /** Actor_Port_Priority when the configuration gives none; bond_3ad and OVS use 255 too. */
    public static final int DEFAULT_PORT_PRIORITY = PortConfig.DEFAULT_PORT_PRIORITY;

    private LacpSetup() {
    }

    /** Stands in when there is neither a configured System ID nor a member (an STP-only agent). */
    static final MacAddress NO_MEMBERS = MacAddress.of(0x020000000000L);

    /** The System ID to advertise: the configured one, else the first member's MAC (as bonding does). */
    public static LacpSystem systemId(AgentConfig config, Map<String, MacAddress> memberMacs) {
        MacAddress mac = config.system().mac().orElseGet(() -> {
            if (config.lacp().isEmpty()) {
                return NO_MEMBERS;
            }
            String first = config.lacp().get(0).members().get(0);
            MacAddress m = memberMacs.get(first);
            if (m == null) {
                throw new IllegalStateException("no MAC address for " + first);
            }
            return m;
        });
        return new LacpSystem(config.system().priority(), mac);
    }

    /** Port number of every member, in configuration order. */
    public static Map<String, Integer> portNumbers(AgentConfig config, int portNumberOffset) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        int next = 1;
        for (BundleConfig b : config.lacp()) {
            for (String member : b.members()) {
                numbers.put(member, portNumberOffset + next++);
            }
        }
        return numbers;
    }

    public static LacpEngine engine(AgentConfig config, LacpSystem system, int portNumberOffset, MachineTrace trace) {
        LacpEngine engine = new LacpEngine(system, trace);
        Map<String, Integer> numbers = portNumbers(config, portNumberOffset);
        for (BundleConfig b : config.lacp()) {
            engine.addBundle(new io.twinlink.lacp.BundleConfig(b.name(), b.key(), b.minLinks(),
                    b.maxLinks().orElse(io.twinlink.lacp.BundleConfig.UNLIMITED),
                    b.aggregateWait().toNanos(), MuxControl.COUPLED));
            for (String member : b.members()) {
                engine.addPort(b.name(), new PortConfig(member, numbers.get(member),
                        b.portPriority().orElse(DEFAULT_PORT_PRIORITY), b.mode() == LacpMode.ACTIVE,
                        b.rate() == LacpRate.FAST, true));
            }
        }
        return engine;
    }
}
