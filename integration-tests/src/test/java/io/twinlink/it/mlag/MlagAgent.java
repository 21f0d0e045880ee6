package io.twinlink.it.mlag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.twinlink.agent.control.ControlClient;
import io.twinlink.agent.control.ControlException;
import io.twinlink.it.harness.TwinlinkAgent;
import io.twinlink.it.harness.Command;
import io.twinlink.it.harness.CommandResult;
import io.twinlink.it.harness.Daemon;
import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.TestRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One switch's twinlink agent ({@code java -jar twinlink.jar agent --config FILE}) inside its
 * namespace. Deliberately minimal and private to these tests: the shared harness has no agent
 * class on main yet (it/lacp's {@code TwinlinkAgent} lives on its own branch); replace this
 * with it once merged. Signals go to the agent's own PID only.
 */
final class MlagAgent implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_LIMIT = Duration.ofSeconds(40);

    private final String label;
    private final Netns netns;
    private final Path socket;
    private final Path capture;
    private final Daemon daemon;
    private final ControlClient control;

    private MlagAgent(String label, Netns netns, Path socket, Path capture, Daemon daemon) {
        this.label = label;
        this.netns = netns;
        this.socket = socket;
        this.capture = capture;
        this.daemon = daemon;
        this.control = new ControlClient(socket, Duration.ofSeconds(5));
    }

    /**
     * Writes the configuration and starts the agent; {@link #awaitControlSocket()} waits for it.
     *
     * @param run 0 for the switch's first agent, then 1, 2... for each restart with the same
     *            configuration (same control socket); each run has a log and capture of its own
     */
    static MlagAgent launch(String label, Netns netns, SwitchConfig config, Path secret, int run) {
        Path work = TestRun.current().workDir("twinlink-" + label + "-" + netns.name());
        Path socket = TestRun.current().runtimeDir(label + "-" + netns.name()).resolve("twinlink.sock");
        String suffix = run == 0 ? "" : "-" + run;
        Path capture = work.resolve("agent" + suffix + ".pcap");
        Path file = work.resolve("twinlink.yaml");
        try {
            Files.writeString(file, config.yaml(socket, capture, secret));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        // The agent is a switch's control plane: on a switch nothing else competes with it for
        // the CPU, here the other tests of the run (and whatever else shares the machine) do.
        // A loop starved for the 300 ms dead interval drops the peer-link, so the agents run at
        // a higher priority (nice), as a control plane would (systemd Nice=); the data path is
        // the kernel's and is not affected. -Dtwinlink.it.agentNice=0 runs them at the default.
        Daemon daemon = netns.start("twinlink " + label, work.resolve("agent" + suffix + ".log"),
                Map.of("TWINLINK_LOG_LEVEL", System.getProperty("twinlink.it.agentLogLevel", "INFO")),
                "nice", "-n", System.getProperty("twinlink.it.agentNice", "-10"),
                TwinlinkAgent.java(), "-Dlogback.configurationFile=" + logbackConfig(), "-jar", TwinlinkAgent.jar().toString(), "agent", "--config",
                file.toString());
        MlagAgent agent = new MlagAgent(label, netns, socket, capture, daemon);
        TestRun.current().closeAtExit(agent);
        return agent;
    }

    /** Returns once the control socket answers (the aggregate exists by then). */
    void awaitControlSocket() {
        try {
            Awaitility.await(this + " control socket").atMost(START_LIMIT).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptionsMatching(e -> e instanceof ControlException)
                    .until(() -> {
                        daemon.checkAlive();
                        control.show("mlag");
                        return true;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(this + " control socket did not answer within " + START_LIMIT + "; log "
                    + daemon.log() + ":\n" + daemon.logTail(30), e);
        }
    }

    String label() {
        return label;
    }

    Netns netns() {
        return netns;
    }

    Path log() {
        return daemon.log();
    }

    Path capture() {
        return capture;
    }

    long pid() {
        return daemon.pid();
    }

    boolean isAlive() {
        return daemon.isAlive();
    }

    /** {@code show mlag} over the control socket with twinlink's own client: cheap enough to poll every few ms. */
    MlagStatus mlag() {
        daemon.checkAlive();
        return MlagStatus.fromJson(control.show("mlag"));
    }

    /** {@code twinlink show mlag --json}, the command line an operator types. */
    JsonNode showMlagJson() {
        CommandResult result = netns.command(TwinlinkAgent.java(), "-XX:TieredStopAtLevel=1", "-jar", TwinlinkAgent.jar().toString(),
                "show", "mlag", "--json", "--socket", socket.toString()).run();
        if (!result.succeeded()) {
            throw new AssertionError("`twinlink show mlag --json` exited " + result.exitCode() + ": " + result.stderr().strip());
        }
        try {
            return JSON.readTree(result.stdout());
        } catch (IOException e) {
            throw new AssertionError("`twinlink show mlag --json` printed no JSON: " + result.stdout(), e);
        }
    }

    /** SIGKILL: the agent cannot tell anyone, and what it set up in the kernel stays as it was. */
    void kill9() {
        Command.of("kill", "-KILL", String.valueOf(daemon.pid())).check();
        Awaitility.await(this + " gone after SIGKILL").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> !daemon.isAlive());
        daemon.stop(Duration.ZERO);
    }

    String logTail(int lines) {
        return daemon.logTail(lines);
    }

    /** SIGTERM (a graceful stop removes the aggregate), SIGKILL if it hangs. */
    @Override
    public void close() {
        try {
            daemon.stop(Duration.ofSeconds(10));
        } finally {
            TestRun.current().forget(this);
        }
    }

    @Override
    public String toString() {
        return "twinlink " + label + " in " + netns.name() + " (pid " + daemon.pid() + ")";
    }

    /** The agent's log format with timestamps, copied out of the test resources once. */
    private static synchronized Path logbackConfig() {
        Path file = TestRun.current().workDir().resolve("agent-logback.xml");
        if (!Files.exists(file)) {
            try (var in = MlagAgent.class.getResourceAsStream("/mlag/agent-logback.xml")) {
                if (in == null) {
                    throw new IllegalStateException("test resource /mlag/agent-logback.xml missing");
                }
                Files.copy(in, file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
        return file;
    }


}
