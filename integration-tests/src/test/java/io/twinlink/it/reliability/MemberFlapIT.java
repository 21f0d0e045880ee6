package io.twinlink.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.it.harness.Figures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A member's cable flaps (the partner's end set down and up) twenty times at random
 * intervals, from tens of milliseconds to over a second, against a real Open vSwitch: once it
 * stays up, both members are back in the aggregate on both sides, none stuck. The agent
 * meanwhile writes its capture to a full disk ({@code /dev/full}): logged once, and the
 * protocols carry on.
 */
class MemberFlapIT {

    private static final int FLAPS = 20;

    @Test
    void aFlappingMemberComesBackAndAFullDiskChangesNothing() {
        try (AgentVersusOvs lab = AgentVersusOvs.create("flap")) {
            Path socket = lab.runtime.resolve("tl.sock");
            Path config = AgentProcess.writeConfig(lab.work, lab.config(socket, "capture: /dev/full\n"));
            try (AgentProcess agent = AgentProcess.start(lab.agentNs, config, socket, lab.work.resolve("agent.log"), List.of())) {
                Awaitility.await("aggregated").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                        .until(() -> agent.aggregated() && lab.ovsAggregated());
                assertThat(agent.log()).contains("capture to /dev/full stopped: No space left on device");

                Random random = new Random(11);
                for (int i = 0; i < FLAPS; i++) {
                    lab.ovsNs.linkDown("p1");
                    pause(20 + random.nextInt(400));
                    lab.ovsNs.linkUp("p1");
                    pause(20 + random.nextInt(1_500));
                }
                long lastUp = System.nanoTime();
                Awaitility.await("both members back after " + FLAPS + " flaps").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(50)).until(() -> agent.aggregated() && lab.ovsAggregated());
                Figures.record("reliability.flap.back-after-last", Duration.ofNanos(System.nanoTime() - lastUp));
                agent.checkAlive();
                long stopped = agent.log().lines().filter(l -> l.contains("capture to /dev/full stopped")).count();
                assertThat(stopped).as("the full disk is reported once, not per frame").isEqualTo(1);
                long downs = agent.log().lines().filter(l -> l.contains("port=a1 collecting=false")).count();
                System.out.printf("reliability: %d flaps of a1's cable, a1 left the aggregate %d times and came back each"
                        + " time; capture to a full disk logged once%n", FLAPS, downs);
            }
        }
    }

    private static void pause(long millis) {
        LockSupport.parkNanos(millis * 1_000_000L);
    }
}
