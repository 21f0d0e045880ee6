package io.twinlink.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.agent.dataplane.BridgeDataplane;
import io.twinlink.stp.BridgeConfig;
import io.twinlink.stp.ForceProtocolVersion;
import io.twinlink.stp.PathCostMethod;
import io.twinlink.stp.PortConfig;
import io.twinlink.stp.PortState;
import io.twinlink.stp.StpEngine;
import io.twinlink.fsm.MachineTrace;
import io.twinlink.wire.MacAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runtime between the RSTP engine and the bridge data plane, on a virtual loop. */
class StpRuntimeTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);

    /**
     * What a Linux bridge with kernel STP off does to its ports: it keeps the state it is given,
     * except that a port whose carrier returns goes straight to forwarding on the kernel's own
     * account (br_stp_enable_port), before anyone hears of the link event.
     */
    private static final class LinuxBridgeWithoutStp implements BridgeDataplane {
        final Map<String, PortState> states = new HashMap<>();

        @Override
        public void setPortState(String port, PortState state) {
            states.put(port, state);
        }

        @Override
        public void flushFdb(String port) {
        }

        void carrierReturns(String port) {
            states.put(port, PortState.FORWARDING);
        }

        @Override
        public void close() {
        }
    }

    private final VirtualLoop loop = new VirtualLoop();
    private final LinuxBridgeWithoutStp bridge = new LinuxBridgeWithoutStp();

    private StpRuntime runtime() {
        StpEngine engine = new StpEngine(new BridgeConfig("br0", MacAddress.of(0x020000000a00L), 32768,
                ForceProtocolVersion.RSTP, 2, 20, 15, 6, PathCostMethod.LONG), MachineTrace.NONE);
        engine.addPort(PortConfig.of("p1", 1));
        engine.addPort(PortConfig.of("p2", 2));
        return new StpRuntime(engine, loop, loop::now, (port, frame) -> { }, bridge, CaptureSink.NONE,
                Map.of("p1", MacAddress.of(0x020000000a01L), "p2", MacAddress.of(0x020000000a02L)));
    }

    @Test
    void aPortWhoseCarrierReturnsIsPutBackToTheEnginesStateNotLeftForwardingByTheKernel() {
        StpRuntime rt = runtime();
        rt.start();
        for (String p : List.of("p1", "p2")) {
            bridge.carrierReturns(p);
            rt.onLink(p, true, true, 10_000);
        }
        loop.runFor(S);
        // A new designated port waits for an agreement or two forward delays [802.1D-2004 17.29].
        assertThat(rt.engine().port("p1").state()).isEqualTo(PortState.DISCARDING);
        assertThat(bridge.states).containsEntry("p1", BridgeDataplane.PortState.DISCARDING)
                .containsEntry("p2", BridgeDataplane.PortState.DISCARDING);

        rt.onLink("p1", false, true, 10_000);
        loop.runFor(S);
        bridge.carrierReturns("p1");
        rt.onLink("p1", true, true, 10_000);
        loop.runFor(S);

        assertThat(rt.engine().port("p1").state()).isEqualTo(PortState.DISCARDING);
        assertThat(bridge.states).containsEntry("p1", BridgeDataplane.PortState.DISCARDING);
    }

    @Test
    void aForwardingPortStaysForwardingAcrossTheReapplication() {
        StpRuntime rt = runtime();
        rt.start();
        rt.onLink("p1", true, true, 10_000);
        loop.runFor(31 * S); // no partner: two forward delays and p1 forwards
        assertThat(bridge.states).containsEntry("p1", BridgeDataplane.PortState.FORWARDING);

        rt.onLink("p1", true, true, 10_000); // a repeated link-up event changes nothing
        assertThat(bridge.states).containsEntry("p1", BridgeDataplane.PortState.FORWARDING);
    }
}
