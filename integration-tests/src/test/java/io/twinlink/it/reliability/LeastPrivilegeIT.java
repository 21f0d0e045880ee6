package io.twinlink.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.it.harness.TwinlinkAgent;
import io.twinlink.it.harness.Command;
import io.twinlink.it.harness.CommandResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The agent as user nobody with CAP_NET_RAW and CAP_NET_ADMIN only (bounding, inheritable and
 * ambient sets, as the systemd unit gives them), in a namespace, against Open vSwitch: it
 * captures, sends, builds its tc aggregate and negotiates LACP. Its control socket is 0600
 * and its own: its user may ask, another unprivileged user is refused with a one-line reason.
 */
class LeastPrivilegeIT {

    /** CAP_NET_ADMIN (12) and CAP_NET_RAW (13) [linux/capability.h]. */
    private static final String NET_ADMIN_AND_RAW = "0000000000003000";
    private static final List<String> AS_NOBODY = List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--init-groups",
            "--bounding-set=-all,+net_raw,+net_admin", "--inh-caps=-all,+net_raw,+net_admin",
            "--ambient-caps=+net_raw,+net_admin", "--");

    @Test
    void nobodyWithTwoCapabilitiesRunsTheAgentAndOwnsItsSocket() throws Exception {
        try (AgentVersusOvs lab = AgentVersusOvs.create("priv")) {
            Path run = lab.runtime.resolve("nobody");
            Files.createDirectories(run);
            Command.of("chown", "nobody:nogroup", run.toString()).check();
            Path socket = run.resolve("tl.sock");
            Path config = AgentProcess.writeConfig(run, lab.config(socket, ""));
            try (AgentProcess agent = AgentProcess.start(lab.agentNs, config, socket, lab.work.resolve("agent.log"), AS_NOBODY)) {
                String status = Files.readString(Path.of("/proc", Long.toString(agent.pid()), "status"));
                assertThat(status).containsPattern("Uid:\\s+65534\\s+65534\\s+65534\\s+65534")
                        .containsPattern("CapEff:\\s+" + NET_ADMIN_AND_RAW)
                        .containsPattern("CapBnd:\\s+" + NET_ADMIN_AND_RAW);
                Awaitility.await("aggregated as nobody").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                        .until(() -> agent.aggregated() && lab.ovsAggregated());

                assertThat(Files.getOwner(socket, LinkOption.NOFOLLOW_LINKS).getName()).isEqualTo("nobody");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket, LinkOption.NOFOLLOW_LINKS)))
                        .isEqualTo("rw-------");
                CommandResult owner = show(lab, socket, List.of("setpriv", "--reuid=nobody", "--regid=nogroup",
                        "--init-groups", "--"));
                assertThat(owner.exitCode()).as(owner.stderr()).isZero();
                assertThat(owner.stdout()).contains("bond10", "COLLECTING_DISTRIBUTING");
                CommandResult stranger = show(lab, socket, List.of("setpriv", "--reuid=daemon", "--regid=daemon",
                        "--init-groups", "--"));
                assertThat(stranger.exitCode()).isEqualTo(1);
                assertThat(stranger.stderr().strip()).startsWith("twinlink: permission denied on " + socket)
                        .doesNotContain("Exception", "\tat ");
                assertThat(stranger.stdout()).isEmpty();
                agent.stop();
            }
            assertThat(lab.agentNs.links()).noneMatch(l -> l.name().equals("bond10"));
        }
    }

    private static CommandResult show(AgentVersusOvs lab, Path socket, List<String> as) {
        List<String> argv = new java.util.ArrayList<>(as);
        argv.addAll(List.of(TwinlinkAgent.java(), "-jar", TwinlinkAgent.jar().toString(), "show", "lacp", "--socket",
                socket.toString()));
        return lab.agentNs.command(argv.toArray(String[]::new)).timeout(Duration.ofSeconds(60)).run();
    }
}
