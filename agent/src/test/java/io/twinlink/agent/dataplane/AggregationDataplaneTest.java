package io.twinlink.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AggregationDataplaneTest {

    @Test
    void configurationNames() throws Exception {
        assertThat(AggregationDataplane.forName("tc")).isInstanceOf(TcDataplane.class);
        assertThat(AggregationDataplane.forName("linux-bond")).isInstanceOf(LinuxBondDataplane.class);
        assertThat(AggregationDataplane.forName("none")).isInstanceOf(NoDataplane.class);
        assertThatThrownBy(() -> AggregationDataplane.forName("ovs"))
                .isInstanceOf(DataplaneException.class)
                .hasMessage("unknown dataplane \"ovs\" (expected tc, linux-bond or none)");
    }

    @Test
    void noneRemembersWhatTheMuxAskedForAndTouchesNothing() throws Exception {
        try (NoDataplane none = new NoDataplane()) {
            Aggregate a = none.createAggregate("bond0", List.of("eth1", "eth2"));
            a.setCollectingDistributing("eth1", true);
            a.setCollecting("eth2", true);
            assertThat(a.isCollecting("eth1")).isTrue();
            assertThat(a.isDistributing("eth1")).isTrue();
            assertThat(a.isCollecting("eth2")).isTrue();
            assertThat(a.isDistributing("eth2")).isFalse();
            assertThatThrownBy(() -> a.setDistributing("eth3", true))
                    .isInstanceOf(DataplaneException.class)
                    .hasMessage("eth3 is not a member of aggregate bond0");
        }
    }

    @Test
    void memberListsAreChecked() {
        NoDataplane none = new NoDataplane();
        assertThatThrownBy(() -> none.createAggregate("bond0", List.of()))
                .hasMessage("aggregate bond0 has no members");
        assertThatThrownBy(() -> none.createAggregate("bond0", List.of("eth1", "eth1")))
                .hasMessage("aggregate bond0: member eth1 is listed twice");
        assertThatThrownBy(() -> none.createAggregate("bond0", List.of("bond0")))
                .hasMessage("aggregate bond0 cannot be its own member");
        assertThatThrownBy(() -> none.createAggregate("bond 0", List.of("eth1")))
                .hasMessage("aggregate: interface name \"bond 0\" contains whitespace");
    }
}
