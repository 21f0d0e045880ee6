package io.twinlink.mlag;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.mlag.RoleElection.Candidate;
import io.twinlink.wire.MacAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** DESIGN.md "MC-LAG pair", Role: lower priority then lower MAC is primary; stable and symmetric. */
class RoleElectionTest {

    private static Candidate node(int priority, long mac, Role role) {
        return new Candidate(new NodeId(priority, MacAddress.of(mac)), role);
    }

    @Test
    @DisplayName("Role: neither claims -> lower priority wins, then lower MAC")
    void priorityThenMac() {
        assertThat(RoleElection.elect(node(100, 9, Role.NONE), node(200, 1, Role.NONE))).isEqualTo(Role.PRIMARY);
        assertThat(RoleElection.elect(node(200, 1, Role.NONE), node(100, 9, Role.NONE))).isEqualTo(Role.SECONDARY);
        assertThat(RoleElection.elect(node(100, 1, Role.NONE), node(100, 2, Role.NONE))).isEqualTo(Role.PRIMARY);
        assertThat(RoleElection.elect(node(100, 2, Role.NONE), node(100, 1, Role.NONE))).isEqualTo(Role.SECONDARY);
    }

    @Test
    @DisplayName("Role: the node already serving as primary or alone keeps the role against one that is not (no preemption)")
    void stable() {
        assertThat(RoleElection.elect(node(200, 2, Role.STANDALONE), node(100, 1, Role.NONE))).isEqualTo(Role.PRIMARY);
        assertThat(RoleElection.elect(node(200, 2, Role.PRIMARY), node(100, 1, Role.SECONDARY))).isEqualTo(Role.PRIMARY);
        assertThat(RoleElection.elect(node(100, 1, Role.SECONDARY), node(200, 2, Role.PRIMARY)))
                .isEqualTo(Role.SECONDARY);
        // Both served alone (a full split healed): the configured order decides.
        assertThat(RoleElection.elect(node(200, 2, Role.STANDALONE), node(100, 1, Role.STANDALONE)))
                .isEqualTo(Role.SECONDARY);
    }

    @Test
    @DisplayName("Role: identical node IDs cannot be ordered -> both secondary")
    void identical() {
        assertThat(RoleElection.elect(node(100, 1, Role.NONE), node(100, 1, Role.NONE))).isEqualTo(Role.SECONDARY);
    }

    @Property(tries = 2000)
    @Label("Role: both peers compute complementary roles from the same inputs")
    void symmetric(@ForAll("candidates") Candidate a, @ForAll("candidates") Candidate b) {
        Role ra = RoleElection.elect(a, b);
        Role rb = RoleElection.elect(b, a);
        if (a.node().equals(b.node()) && a.role().claimsPrimary() == b.role().claimsPrimary()) {
            assertThat(ra).isEqualTo(Role.SECONDARY);
            assertThat(rb).isEqualTo(Role.SECONDARY);
        } else {
            assertThat(ra).isIn(Role.PRIMARY, Role.SECONDARY);
            assertThat(rb).isNotEqualTo(ra).isIn(Role.PRIMARY, Role.SECONDARY);
        }
    }

    @Property(tries = 2000)
    @Label("Role: once elected, electing again with the new roles gives the same answer (a fixed point)")
    void fixedPoint(@ForAll("candidates") Candidate a, @ForAll("candidates") Candidate b) {
        Role ra = RoleElection.elect(a, b);
        Role rb = RoleElection.elect(b, a);
        Candidate a2 = new Candidate(a.node(), ra);
        Candidate b2 = new Candidate(b.node(), rb);
        assertThat(RoleElection.elect(a2, b2)).isEqualTo(ra);
        assertThat(RoleElection.elect(b2, a2)).isEqualTo(rb);
    }

    @Provide
    Arbitrary<Candidate> candidates() {
        // Few values, so that equal priorities and equal MACs come up often.
        return Combinators.combine(Arbitraries.of(0, 100, 65535), Arbitraries.longs().between(1, 4),
                Arbitraries.of(Role.class)).as((p, m, r) -> node(p, m, r));
    }
}
