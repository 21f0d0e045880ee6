package io.twinlink.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.it.harness.TwinlinkAgent;
import io.twinlink.it.harness.CommandResult;
import io.twinlink.it.harness.Figures;
import io.twinlink.it.harness.KernelState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of an agent that runs LACP against Open vSwitch (tc data plane) and RSTP on a Linux
 * bridge, then a restart with the same configuration, three times over: the partner drops it
 * within its timeout, the new agent recognises what the dead one left in the kernel (the
 * aggregate veth pair, the guards on the members, the nftables BPDU filter), replaces it and
 * aggregates again with no manual step, and the kernel ends up exactly as after a fresh start.
 * A second agent started while the first runs refuses, and changes nothing.
 */
class RestartAfterKillIT {

    private static final int KILLS = 3;
    private static final Duration AGGREGATE_LIMIT = Duration.ofSeconds(40);
    private static final List<String> INGRESS = List.of("a1", "a2", "bond10dp");

    @Test
    void killedAgentsAreReplacedCleanlyAndAggregateAgain() {
        try (AgentVersusOvs lab = AgentVersusOvs.create("rst")) {
            // an RSTP bridge with one plain port, so the BPDU filter table exists too
            lab.agentNs.exec("ip", "link", "add", "br9", "type", "bridge");
            lab.agentNs.veth("s1", lab.ovsNs, "s1p");
            lab.agentNs.exec("ip", "link", "set", "s1", "master", "br9");
            lab.agentNs.linkUp("br9");
            lab.ovsNs.linkUp("s1p");
            Path socket = lab.runtime.resolve("tl.sock");
            Path config = AgentProcess.writeConfig(lab.work, lab.config(socket, """
                    stp: {bridge: br9, ports: {s1: {}}}
                    capture: %s
                    """.formatted(lab.work.resolve("agent.pcap"))));

            AgentProcess agent = start(lab, config, socket, 0);
            String fresh = KernelState.of(lab.agentNs, INGRESS);
            assertThat(fresh).contains("link bond10 alias \"twinlink aggregate (tc) pid=N members=a1,a2\"",
                    "ingress a1 filters=", "ingress bond10dp filters=", "nft table bridge twinlink_br9 rules=1");

            refusesASecondAgentWhileTheFirstRuns(lab, config, agent, fresh);

            for (int kill = 1; kill <= KILLS; kill++) {
                long deadPid = agent.pid();
                long killedAt = System.nanoTime();
                agent.kill9();
                // The partner hears nothing more: out after its timeout (fast rate: 3 x 1 s).
                Awaitility.await("OVS to take both members out after kill -9 #" + kill).atMost(Duration.ofSeconds(15))
                        .pollInterval(Duration.ofMillis(50)).until(() -> lab.ovsEnabledMembers().isEmpty());
                Figures.record("reliability.kill9.partner-out", Duration.ofNanos(System.nanoTime() - killedAt));
                // What the dead agent left is still there, marked with its pid.
                assertThat(KernelState.markedPid(lab.agentNs, "bond10")).isEqualTo(deadPid);
                assertThat(KernelState.of(lab.agentNs, INGRESS)).isEqualTo(fresh);

                long restartedAt = System.nanoTime();
                agent = start(lab, config, socket, kill);
                Figures.record("reliability.restart.aggregated", Duration.ofNanos(System.nanoTime() - restartedAt));
                String log = agent.log();
                assertThat(log).contains("aggregate bond10 left by twinlink pid " + deadPid + ", which did not stop cleanly",
                        "nftables table bridge twinlink_br9 left by an earlier twinlink run");
                assertThat(KernelState.markedPid(lab.agentNs, "bond10")).isEqualTo(agent.pid());
                assertThat(KernelState.of(lab.agentNs, INGRESS)).as("kernel state after restart #" + kill).isEqualTo(fresh);
            }

            agent.stop();
            String after = KernelState.of(lab.agentNs, INGRESS);
            assertThat(after).doesNotContain("link bond10", "nft table").contains("ingress a1 none", "ingress a2 none");
            System.out.printf("reliability: %d kill -9 and restarts survived; kernel state each time:%n%s", KILLS, fresh);
        }
    }

    private static AgentProcess start(AgentVersusOvs lab, Path config, Path socket, int run) {
        AgentProcess agent = AgentProcess.start(lab.agentNs, config, socket, lab.work.resolve("agent-" + run + ".log"), List.of());
        Awaitility.await(agent + " and OVS to aggregate").atMost(AGGREGATE_LIMIT).pollInterval(Duration.ofMillis(100))
                .until(() -> agent.aggregated() && lab.ovsAggregated());
        return agent;
    }

    /** Same aggregates, another control socket: refused before anything is touched. */
    private static void refusesASecondAgentWhileTheFirstRuns(AgentVersusOvs lab, Path config, AgentProcess first,
                                                             String fresh) {
        Path other = AgentProcess.writeConfig(lab.work.resolve("second"), lab.config(lab.runtime.resolve("other.sock"), ""));
        CommandResult second = lab.agentNs.command(TwinlinkAgent.java(), "-jar", TwinlinkAgent.jar().toString(), "agent",
                "--config", other.toString()).timeout(Duration.ofSeconds(90)).run();
        assertThat(second.exitCode()).isNotZero();
        assertThat(second.stderr()).contains("bond10 belongs to a twinlink that is running (pid " + first.pid() + ")");
        assertThat(first.isAlive()).isTrue();
        assertThat(KernelState.of(lab.agentNs, INGRESS)).isEqualTo(fresh);
        assertThat(first.aggregated()).isTrue();
    }
}
