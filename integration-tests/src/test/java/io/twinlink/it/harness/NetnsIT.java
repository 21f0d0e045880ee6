package io.twinlink.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The harness cleans up after itself: namespaces, their interfaces and processes, OVS daemons. */
class NetnsIT {

    @Test
    void vethPairCarriesTrafficAndEverythingGoesAwayOnClose() {
        String leftName;
        ProcessHandle sleeper;
        try (Netns left = Netns.create("l"); Netns right = Netns.create("r")) {
            leftName = left.name();
            assertThat(leftName).startsWith(TestRun.current().netnsPrefix());
            left.veth("a0", right, "b0");
            assertThat(left.link("a0").isUp()).isFalse();
            left.linkUp("a0");
            assertThat(left.link("a0").hasCarrier()).as("no carrier while the peer end is down").isFalse();
            right.linkUp("b0");
            Awaitility.await("carrier on a0").atMost(Duration.ofSeconds(5)).until(() -> left.link("a0").hasCarrier());
            left.addAddress("a0", "198.18.2.1/24");
            right.addAddress("b0", "198.18.2.2/24");
            assertThat(left.ping("198.18.2.2", 2, Duration.ofSeconds(1))).isTrue();
            left.linkDown("a0");
            assertThat(left.ping("198.18.2.2", 1, Duration.ofSeconds(1))).as("no ping over a down link").isFalse();

            Daemon daemon = left.start("sleeper", TestRun.current().workDir("netns").resolve("sleeper.log"), Map.of(),
                    "sleep", "600");
            sleeper = ProcessHandle.of(daemon.pid()).orElseThrow();
            assertThat(left.pids()).contains(daemon.pid());
            assertThat(right.links()).extracting(Link::name).contains("b0", "lo");
        }
        assertThat(sleeper.isAlive()).as("process inside the namespace ended").isFalse();
        assertThat(Command.of("ip", "netns", "list").check().stdout()).doesNotContain(leftName);
    }

    @Test
    void ovsDaemonsStopOnClose() {
        ProcessHandle server;
        ProcessHandle vswitchd;
        try (Netns netns = Netns.create("o"); OvsSwitch ovs = OvsSwitch.start(netns)) {
            ovs.addBridge("br0");
            assertThat(netns.link("br0").name()).isEqualTo("br0");
            server = ProcessHandle.of(ovs.pids().get(0)).orElseThrow();
            vswitchd = ProcessHandle.of(ovs.pids().get(1)).orElseThrow();
            assertThat(vswitchd.info().command()).hasValueSatisfying(c -> assertThat(c).endsWith("ovs-vswitchd"));
        }
        assertThat(server.isAlive()).isFalse();
        assertThat(vswitchd.isAlive()).isFalse();
    }
}
