package io.twinlink.mlag;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.wire.MacAddress;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** DESIGN.md "MC-LAG pair": hello/config consistency (domain, system MAC, keys, member counts, rates, STP mode). */
class ConsistencyCheckTest {

    private static final MacAddress SHARED = MacAddress.parse("02:00:00:00:00:aa");

    private static Hello hello(int domain, MacAddress shared, int systemPriority, SpanningTreeMode stp, long nodeMac,
                               BundleProfile... bundles) {
        return new Hello(1, domain, systemPriority, shared, new NodeId(100, MacAddress.of(nodeMac)),
                (nodeMac & 1) == 1 ? PortNumbering.LOWER_HALF : PortNumbering.UPPER_HALF, stp, List.of(bundles));
    }

    private static ConsistencyRow row(ConsistencyReport r, String item) {
        return r.rows().stream().filter(x -> x.item().equals(item)).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("identical configuration: every row ok, no problem")
    void consistent() {
        Hello a = hello(1, SHARED, 32768, SpanningTreeMode.RSTP, 1, new BundleProfile(10, 10, 2, true));
        Hello b = hello(1, SHARED, 32768, SpanningTreeMode.RSTP, 2, new BundleProfile(10, 10, 2, true));
        ConsistencyReport r = ConsistencyCheck.compare(a, b);

        assertThat(r.allOk()).isTrue();
        assertThat(r.globalProblem()).isNull();
        assertThat(r.bundleProblem(10)).isNull();
        assertThat(r.rows()).extracting(ConsistencyRow::item).containsExactly("domain-id", "system-mac",
                "system-priority", "stp-mode", "node-id", "port-numbers", "mlag-id 10 key", "mlag-id 10 member-count", "mlag-id 10 rate");
        assertThat(row(r, "system-mac").local()).isEqualTo("02:00:00:00:00:aa");
    }

    @Test
    @DisplayName("pair-wide items: domain ID, shared system MAC and priority, STP mode")
    void pairWide() {
        Hello a = hello(1, SHARED, 32768, SpanningTreeMode.RSTP, 1);
        Hello b = hello(2, MacAddress.parse("02:00:00:00:00:bb"), 100, SpanningTreeMode.STP, 2);
        ConsistencyReport r = ConsistencyCheck.compare(a, b);

        for (String item : List.of("domain-id", "system-mac", "system-priority", "stp-mode")) {
            assertThat(row(r, item).ok()).as(item).isFalse();
            assertThat(row(r, item).mlagId()).isEqualTo(OptionalInt.empty());
        }
        assertThat(r.globalProblem()).isEqualTo("inconsistent domain-id: local 1, peer 2; "
                + "system-mac: local 02:00:00:00:00:aa, peer 02:00:00:00:00:bb; system-priority: local 32768, peer 100; "
                + "stp-mode: local rstp, peer stp");
    }

    @Test
    @DisplayName("per mlag-id: key, member count, rate; a bundle on one side only")
    void perBundle() {
        Hello a = hello(1, SHARED, 32768, SpanningTreeMode.OFF, 1, new BundleProfile(10, 10, 2, true),
                new BundleProfile(20, 20, 1, true), new BundleProfile(30, 30, 1, true));
        Hello b = hello(1, SHARED, 32768, SpanningTreeMode.OFF, 2, new BundleProfile(10, 11, 1, false),
                new BundleProfile(20, 20, 1, true), new BundleProfile(40, 40, 1, true));
        ConsistencyReport r = ConsistencyCheck.compare(a, b);

        assertThat(r.globalProblem()).isNull();
        assertThat(row(r, "mlag-id 10 key")).isEqualTo(
                new ConsistencyRow("mlag-id 10 key", OptionalInt.of(10), "10", "11", false));
        assertThat(r.bundleProblem(10)).isEqualTo("inconsistent mlag-id 10 key: local 10, peer 11; "
                + "mlag-id 10 member-count: local 2, peer 1; mlag-id 10 rate: local fast, peer slow");
        assertThat(r.bundleProblem(20)).isNull();
        assertThat(row(r, "mlag-id 30 configured").peer()).isEqualTo("no");
        assertThat(r.bundleProblem(30)).contains("configured: local yes, peer no");
        assertThat(r.bundleProblem(40)).contains("configured: local no, peer yes");
    }

    @Test
    @DisplayName("two nodes with the same node ID cannot be told apart: a pair-wide problem")
    void duplicateNodeId() {
        Hello a = hello(1, SHARED, 32768, SpanningTreeMode.OFF, 1);
        assertThat(ConsistencyCheck.compare(a, a).globalProblem()).startsWith("inconsistent node-id");
    }

    @Test
    @DisplayName("both halves numbering their ports alike would show the partner duplicate ports: a pair-wide problem")
    void portNumbersCollide() {
        Hello a = hello(1, SHARED, 32768, SpanningTreeMode.OFF, 1);
        Hello b = hello(1, SHARED, 32768, SpanningTreeMode.OFF, 3);
        ConsistencyReport r = ConsistencyCheck.compare(a, b);
        assertThat(row(r, "port-numbers")).isEqualTo(
                new ConsistencyRow("port-numbers", OptionalInt.empty(), "1-32767", "1-32767", false));
        assertThat(r.globalProblem()).isEqualTo("inconsistent port-numbers: local 1-32767, peer 1-32767");
    }

    @Test
    @DisplayName("port numbers: the lower end 1..32767, the upper 32769..65535, never 0")
    void portNumbering() {
        assertThat(PortNumbering.portNumber(PortNumbering.offsetFor(true), 0)).isEqualTo(1);
        assertThat(PortNumbering.portNumber(PortNumbering.offsetFor(false), 0)).isEqualTo(0x8001);
        assertThat(PortNumbering.portNumber(PortNumbering.UPPER_HALF, PortNumbering.MAX_PORTS - 1)).isEqualTo(0xFFFF);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PortNumbering.portNumber(0, PortNumbering.MAX_PORTS))
                .hasMessageContaining("at most 32767");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PortNumbering.portNumber(5, 0))
                .hasMessageContaining("0 or 0x8000");
    }
}
