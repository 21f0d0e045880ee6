package io.twinlink.it.reliability;

import io.twinlink.agent.control.AggregatorSnapshot;
import io.twinlink.agent.control.ControlClient;
import io.twinlink.agent.control.LacpSnapshot;
import io.twinlink.agent.control.MemberSnapshot;
import io.twinlink.agent.control.PortsSnapshot;
import io.twinlink.it.harness.TwinlinkAgent;
import io.twinlink.it.harness.Command;
import io.twinlink.it.harness.Daemon;
import io.twinlink.it.harness.Netns;
import io.twinlink.lacp.MuxMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * One run of the real agent ({@code java -jar twinlink.jar agent --config FILE}) inside a
 * namespace of this test run, optionally as another user with only some capabilities
 * ({@code setpriv}). The same configuration can be started again after a kill, as systemd's
 * {@code Restart=} would. Signals go to its own PID only.
 */
final class AgentProcess implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(40);

    private final Daemon daemon;
    private final Path socket;
    private final ControlClient control;

    private AgentProcess(Daemon daemon, Path socket) {
        this.daemon = daemon;
        this.socket = socket;
        this.control = new ControlClient(socket, Duration.ofSeconds(5));
    }

    /**
     * Starts the agent and returns once its control socket answers.
     *
     * @param runAs argv prefix that runs it as someone else (setpriv ...), or empty for root
     */
    static AgentProcess start(Netns netns, Path config, Path socket, Path log, List<String> runAs) {
        List<String> argv = new ArrayList<>(runAs);
        argv.addAll(List.of(TwinlinkAgent.java(), "-jar", TwinlinkAgent.jar().toString(), "agent", "--config", config.toString()));
        Daemon daemon = netns.start("twinlink agent", log, Map.of("TWINLINK_LOG_LEVEL", "DEBUG"), argv.toArray(String[]::new));
        AgentProcess agent = new AgentProcess(daemon, socket);
        try {
            Awaitility.await(daemon + " to answer on " + socket).atMost(START_LIMIT).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        daemon.checkAlive();
                        return Files.exists(socket) && agent.answers();
                    });
        } catch (RuntimeException | AssertionError e) {
            agent.close();
            throw e;
        }
        return agent;
    }

    /** The YAML a test wrote, in the run's work directory. */
    static Path writeConfig(Path dir, String yaml) {
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve("twinlink.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean answers() {
        try {
            control.show("lacp");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    long pid() {
        return daemon.pid();
    }

    Path socket() {
        return socket;
    }

    LacpSnapshot lacp() {
        daemon.checkAlive();
        return control.show("lacp", LacpSnapshot.class);
    }

    PortsSnapshot ports() {
        daemon.checkAlive();
        return control.show("ports", PortsSnapshot.class);
    }

    /** Every member of every bundle collecting and distributing. */
    boolean aggregated() {
        for (AggregatorSnapshot a : lacp().aggregators()) {
            if (!a.active()) {
                return false;
            }
            for (MemberSnapshot m : a.members()) {
                if (m.mux() != MuxMachine.State.COLLECTING_DISTRIBUTING) {
                    return false;
                }
            }
        }
        return true;
    }

    String log() {
        try {
            return Files.readString(daemon.log(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return daemon.isAlive();
    }

    void checkAlive() {
        daemon.checkAlive();
    }

    /** User and system CPU time the agent has used so far, from /proc (clock ticks of 10 ms). */
    Duration cpuTime() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
            return Duration.ofMillis(ticks * 10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no goodbye to partners, nothing cleaned up; returns once the process is gone. */
    void kill9() {
        Command.of("kill", "-KILL", Long.toString(pid())).check();
        daemon.stop(Duration.ofSeconds(5));
    }

    /** SIGTERM and wait for the graceful stop. */
    void stop() {
        daemon.stop(Duration.ofSeconds(15));
    }

    @Override
    public void close() {
        daemon.stop(Duration.ofSeconds(15));
    }

    @Override
    public String toString() {
        return daemon.toString();
    }


}
