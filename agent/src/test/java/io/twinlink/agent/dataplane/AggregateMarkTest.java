package io.twinlink.agent.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateMarkTest {

    @Test
    void anAliasNamesTheDataplaneTheProcessAndTheMembers() {
        AggregateMark ours = AggregateMark.ours("tc", List.of("eth1", "eth2"));
        assertThat(ours.alias()).isEqualTo("twinlink aggregate (tc) pid=" + ProcessHandle.current().pid() + " members=eth1,eth2");
        assertThat(AggregateMark.fromAlias(ours.alias())).contains(ours);
        assertThat(AggregateMark.fromAlias("twinlink aggregate (linux-bond) pid=7 members=")).contains(
                new AggregateMark("linux-bond", 7, List.of()));
    }

    @Test
    void anythingElseIsNotOurs() {
        for (String alias : List.of("", "uplink to core", "twinlink aggregate", "twinlink aggregate (tc) members=eth1",
                "twinlink aggregate (tc) pid=x members=eth1", "my twinlink aggregate (tc) pid=1 members=eth1")) {
            assertThat(AggregateMark.fromAlias(alias)).as(alias).isEmpty();
        }
        assertThat(AggregateMark.fromAlias(null)).isEmpty();
    }

    @Test
    void thisProcessIsRunningAndADeadOneIsNot() throws Exception {
        assertThat(AggregateMark.ours("tc", List.of("eth1")).ownerRunning()).isTrue();
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        assertThat(AggregateMark.isRunning(p.pid())).isFalse();
        // alive but not a twinlink (a reused pid): not an owner
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(AggregateMark.isRunning(sleeper.pid())).isFalse();
        } finally {
            sleeper.destroy();
        }
    }

    @Test
    void aTableCommentCarriesThePid() {
        String listing = "table bridge twinlink_br0 {\n\tcomment \"twinlink pid=4242\"\n\tchain forward {\n";
        assertThat(AggregateMark.pidOfTable(listing)).contains(4242L);
        assertThat(AggregateMark.pidOfTable("table bridge twinlink_br0 {\n\tchain forward {\n")).isEmpty();
        assertThat(AggregateMark.tableComment()).isEqualTo("twinlink pid=" + ProcessHandle.current().pid());
    }
}
