package io.twinlink.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinlink.stp.BridgeConfig;
import io.twinlink.stp.ForceProtocolVersion;
import io.twinlink.stp.PathCostMethod;
import io.twinlink.stp.PortConfig;
import io.twinlink.stp.StpEngine;
import io.twinlink.fsm.MachineTrace;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.TcnBpdu;
import org.junit.jupiter.api.Test;

/** {@code show stp}: what a guard did is visible as the guard's name and as a counter. */
class StpSnapshotTest {

    @Test
    void aTrippedBpduGuardShowsAsTheGuardAndItsCounter() throws Exception {
        StpEngine engine = new StpEngine(new BridgeConfig("br0", MacAddress.of(0x020000000a00L), 32768,
                ForceProtocolVersion.RSTP, 2, 20, 15, 6, PathCostMethod.LONG), MachineTrace.NONE);
        engine.addPort(PortConfig.of("e1", 1).withAdminEdge(true).withBpduGuard(true));
        engine.addPort(PortConfig.of("p2", 2));
        engine.linkChanged("e1", true, true, 10_000);
        engine.linkChanged("p2", true, true, 10_000);

        engine.receive("e1", new TcnBpdu());

        StpSnapshot snapshot = StpSnapshot.of(engine);
        StpSnapshot.Port e1 = snapshot.ports().get(0);
        assertThat(e1.guard()).isEqualTo("bpdu-guard");
        assertThat(e1.state()).isEqualTo("discarding");
        assertThat(e1.counters().bpduGuardActions()).isEqualTo(1);
        assertThat(e1.counters().tcnRx()).isEqualTo(1);
        assertThat(snapshot.ports().get(1).counters().bpduGuardActions()).isZero();

        JsonNode json = ControlJson.mapper().valueToTree(snapshot);
        assertThat(json.path("ports").path(0).path("counters").path("bpduGuardActions").asLong()).isEqualTo(1);
        assertThat(ControlJson.mapper().treeToValue(json, StpSnapshot.class)).isEqualTo(snapshot);
    }
}
