package io.twinlink.it.stp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.twinlink.agent.control.ControlClient;
import io.twinlink.agent.control.ControlException;
import io.twinlink.agent.control.StpSnapshot;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real twinlink daemon ({@code java -jar twinlink.jar agent --config FILE}) running spanning
 * tree inside a namespace of this run. Kept private to this package on purpose: the LACP tests
 * grow their own agent harness, and the two are to be merged once both exist. The YAML is the
 * test's own text (an {@code stp:} section); this class adds the control socket and capture
 * file, which must live under the run's directories. The agent logs at its production level,
 * INFO (every role transition), since the tests time it; {@code -Dtwinlink.it.agentLogLevel=DEBUG}
 * adds every machine's transitions.
 */
final class StpAgent implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration START_LIMIT = Duration.ofSeconds(30);

    private final Netns netns;
    private final String label;
    private final Path socket;
    private final Path capture;
    private final Daemon daemon;
    private final ControlClient control;

    private StpAgent(Netns netns, String label, Path socket, Path capture, Daemon daemon) {
        this.netns = netns;
        this.label = label;
        this.socket = socket;
        this.capture = capture;
        this.daemon = daemon;
        this.control = new ControlClient(socket, Duration.ofSeconds(5));
    }

    /**
     * Starts the agent with {@code stpSection} (YAML lines starting with {@code stp:}) and
     * returns once its control socket answers {@code show stp}.
     */
    static StpAgent start(Netns netns, String stpSection) {
        int n = SEQUENCE.incrementAndGet();
        String label = "stp" + n + "-" + netns.name();
        Path work = TestRun.current().workDir("twinlink-" + label);
        Path socket = TestRun.current().runtimeDir("stpagent" + n).resolve("twinlink.sock");
        Path capture = work.resolve("agent.pcap");
        Path config = work.resolve("twinlink.yaml");
        String yaml = "control: {socket: " + socket + "}\n" + stpSection.stripTrailing() + "\n"
                + "dataplane: none\n" + "capture: " + capture + "\n";
        try {
            Files.writeString(config, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        Daemon daemon = netns.start("twinlink " + label, work.resolve("agent.log"),
                Map.of("TWINLINK_LOG_LEVEL", System.getProperty("twinlink.it.agentLogLevel", "INFO")),
                TwinlinkAgent.java(), "-Dlogback.configurationFile=" + logbackConfig(), "-jar", TwinlinkAgent.jar().toString(), "agent",
                "--config", config.toString());
        StpAgent agent = new StpAgent(netns, label, socket, capture, daemon);
        TestRun.current().closeAtExit(agent);
        try {
            agent.awaitControlSocket();
        } catch (RuntimeException | AssertionError e) {
            agent.close();
            throw e;
        }
        return agent;
    }

    /** The pcap the agent writes (config {@code capture:}): every BPDU sent and received. */
    Path capture() {
        return capture;
    }

    Path log() {
        return daemon.log();
    }

    /** {@code show stp} straight from the control socket with twinlink's own client: cheap enough to poll. */
    StpSnapshot stp() {
        daemon.checkAlive();
        return control.show("stp", StpSnapshot.class);
    }

    /** {@code twinlink show stp --json --socket PATH}, run as the command line a user types. */
    JsonNode showStpJson() {
        return parseJson(cli("show", "stp", "--json", "--socket", socket.toString()).stdout());
    }

    /**
     * {@code twinlink decode FILE --json}, run in the test's own namespace (decoding a file
     * needs no network): one JSON object per PDU.
     */
    static List<JsonNode> decode(Path pcap) {
        List<String> argv = twinlink("decode", pcap.toString(), "--json");
        CommandResult result = Command.of(argv).timeout(Duration.ofMinutes(1)).run();
        if (!result.succeeded() || !result.stderr().isBlank()) {
            throw new AssertionError("`twinlink decode " + pcap + " --json` exited " + result.exitCode() + ": "
                    + result.stderr().strip());
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            if (!line.isBlank()) {
                lines.add(parseJson(line));
            }
        }
        return lines;
    }

    /** SIGTERM; the agent must stop within the grace period (it restores its ports to discarding). */
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
        return "twinlink " + label + " (pid " + daemon.pid() + ")";
    }

    private void awaitControlSocket() {
        try {
            Awaitility.await(this + " control socket").atMost(START_LIMIT).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptionsMatching(e -> e instanceof ControlException)
                    .until(() -> stp() != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(this + " did not answer on " + socket + " within " + START_LIMIT + "; log "
                    + log() + ":\n" + daemon.logTail(30), e);
        }
    }

    private CommandResult cli(String... args) {
        CommandResult result = netns.command(twinlink(args).toArray(String[]::new)).run();
        if (!result.succeeded()) {
            throw new AssertionError("`twinlink " + String.join(" ", args) + "` exited " + result.exitCode() + ": "
                    + result.stderr().strip());
        }
        return result;
    }

    /** The command line of the twinlink CLI (a short-lived JVM: C1 only, it starts faster). */
    private static List<String> twinlink(String... args) {
        List<String> argv = new ArrayList<>(List.of(TwinlinkAgent.java(), "-XX:TieredStopAtLevel=1", "-jar", TwinlinkAgent.jar().toString()));
        argv.addAll(List.of(args));
        return argv;
    }

    private static JsonNode parseJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** The agent's log format with timestamps (test resource {@code stp-agent-logback.xml}). */
    private static Path logbackConfig() {
        try {
            return Path.of(StpAgent.class.getResource("/stp-agent-logback.xml").toURI());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource stp-agent-logback.xml missing", e);
        }
    }


}
