package io.twinlink.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.twinlink.agent.control.ControlClient;
import io.twinlink.agent.control.ControlException;
import io.twinlink.agent.dataplane.TcDataplane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real twinlink daemon, {@code java -jar twinlink.jar agent --config FILE}, running inside a
 * namespace of this run: the fat jar the build made (system property {@code twinlink.jar}),
 * its configuration written to the run's work directory, its control socket and pid under the
 * short runtime directory. Signals go to its own PID only.
 *
 * <p>{@link #close()} stops it with SIGTERM and insists on a graceful stop: exit code 0 and the
 * aggregate interfaces it created gone. An agent the test killed or stopped on purpose is
 * only cleaned up.
 */
public final class TwinlinkAgent implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

    private final Netns netns;
    private final TwinlinkConfig config;
    private final String label;
    private final Path socket;
    private final Path capture;
    private final Daemon daemon;
    private final ControlClient control;
    /** Set once the test ended the process on purpose (SIGKILL) or already checked its SIGTERM. */
    private boolean ended;
    private boolean stopped;

    private TwinlinkAgent(Netns netns, TwinlinkConfig config, String label, Path socket, Path capture, Daemon daemon) {
        this.netns = netns;
        this.config = config;
        this.label = label;
        this.socket = socket;
        this.capture = capture;
        this.daemon = daemon;
        this.control = new ControlClient(socket, Duration.ofSeconds(5));
    }

    /**
     * Writes the configuration, starts the agent in {@code netns} and returns once its control
     * socket answers (the aggregates exist then, and LACP runs on every member).
     */
    public static TwinlinkAgent start(Netns netns, TwinlinkConfig config) {
        int n = SEQUENCE.incrementAndGet();
        String label = "agent" + n + "-" + netns.name();
        Path work = TestRun.current().workDir("twinlink-" + label);
        Path socket = TestRun.current().runtimeDir("agent" + n).resolve("twinlink.sock");
        Path capture = work.resolve("agent.pcap");
        Path file = work.resolve("twinlink.yaml");
        try {
            Files.writeString(file, config.yaml(socket, capture));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        Daemon daemon = netns.start("twinlink " + label, work.resolve("agent.log"),
                Map.of("TWINLINK_LOG_LEVEL", System.getProperty("twinlink.it.agentLogLevel", "DEBUG")),
                java(), "-Dlogback.configurationFile=" + logConfig(), "-jar", jar().toString(),
                "agent", "--config", file.toString());
        TwinlinkAgent agent = new TwinlinkAgent(netns, config, label, socket, capture, daemon);
        TestRun.current().closeAtExit(agent);
        try {
            agent.awaitControlSocket();
        } catch (RuntimeException | AssertionError e) {
            agent.kill9();
            agent.close();
            throw e;
        }
        return agent;
    }

    public Netns netns() {
        return netns;
    }

    public TwinlinkConfig config() {
        return config;
    }

    public String systemMac() {
        return config.systemMac();
    }

    public long pid() {
        return daemon.pid();
    }

    public Path log() {
        return daemon.log();
    }

    /** The pcap the agent writes (config {@code capture:}): every LACPDU/Marker/BPDU sent and received. */
    public Path capture() {
        return capture;
    }

    public Path socket() {
        return socket;
    }

    /** {@code twinlink show lacp --json}, run as the command line a user types. */
    public JsonNode showLacpJson() {
        return cli("show", "lacp", "--json", "--socket", socket.toString());
    }

    /** {@code twinlink show ports --json}, run as the command line a user types. */
    public JsonNode showPortsJson() {
        return cli("show", "ports", "--json", "--socket", socket.toString());
    }

    /** {@link #showLacpJson()} as records. */
    public TwinlinkLacpStatus showLacp() {
        return TwinlinkLacpStatus.fromJson(showLacpJson());
    }

    /**
     * The same answer straight from the control socket, with twinlink's own client but without
     * starting a JVM per question: for polling state changes at a resolution of milliseconds.
     */
    public TwinlinkLacpStatus lacp() {
        daemon.checkAlive();
        return TwinlinkLacpStatus.fromJson(control.show("lacp"));
    }

    /** Every member of every bundle collecting and distributing, asked over the control socket. */
    public boolean allCollectingDistributing() {
        return lacp().aggregators().stream().allMatch(TwinlinkLacpStatus.Aggregator::allCollectingDistributing);
    }

    /** SIGTERM and wait for the exit; asserts the graceful stop (exit 0, aggregates removed). */
    public void sigterm() {
        sigcontIfStopped();
        daemon.signal("TERM");
        awaitGracefulExit();
    }

    /** SIGTERM without waiting: the test watches what the partner sees meanwhile; {@link #awaitGracefulExit()} follows. */
    public void sendSigterm() {
        sigcontIfStopped();
        daemon.signal("TERM");
    }

    /** Waits for the exit after {@link #sendSigterm()} and asserts it was graceful. */
    public void awaitGracefulExit() {
        if (!daemon.waitFor(STOP_LIMIT)) {
            throw new AssertionError(this + " did not exit within " + STOP_LIMIT + " of SIGTERM; log " + log()
                    + ":\n" + daemon.logTail(30));
        }
        ended = true;
        int code = daemon.exitCode().orElseThrow();
        if (code != 0) {
            throw new AssertionError(this + " exited " + code + " on SIGTERM, not 0; log " + log() + ":\n" + daemon.logTail(30));
        }
        List<String> left = new ArrayList<>();
        for (TwinlinkConfig.Bundle b : config.bundles()) {
            for (Link link : netns.links()) {
                if (link.name().equals(b.name()) || link.name().equals(TcDataplane.peerName(b.name()))) {
                    left.add(link.name());
                }
            }
        }
        if (!left.isEmpty()) {
            throw new AssertionError(this + " left " + left + " behind after a graceful stop");
        }
        daemon.stop(Duration.ZERO);
    }

    /** SIGKILL: no goodbye to the partners, nothing cleaned up by the agent itself. */
    public void kill9() {
        sigcontIfStopped();
        daemon.signal("KILL");
        daemon.waitFor(STOP_LIMIT);
        ended = true;
        daemon.stop(Duration.ZERO);
    }

    /** SIGSTOP: the agent freezes (a hung process), its partners stop hearing from it. */
    public void sigstop() {
        daemon.signal("STOP");
        stopped = true;
    }

    public void sigcont() {
        daemon.signal("CONT");
        stopped = false;
    }

    public boolean isAlive() {
        return daemon.isAlive();
    }

    public String logTail(int lines) {
        return daemon.logTail(lines);
    }

    /**
     * Stops the agent; unless the test ended it on purpose, asserts it was still running (no
     * crash) and that the stop was graceful.
     */
    @Override
    public void close() {
        try {
            if (!ended) {
                if (!daemon.isAlive()) {
                    ended = true;
                    throw new AssertionError(this + " exited " + daemon.exitCode().orElse(-1)
                            + " on its own; log " + log() + ":\n" + daemon.logTail(30));
                }
                sigterm();
            }
        } finally {
            daemon.stop(Duration.ofSeconds(2));
            TestRun.current().forget(this);
        }
    }

    @Override
    public String toString() {
        return "twinlink " + label + " (pid " + daemon.pid() + ")";
    }

    private void sigcontIfStopped() {
        if (stopped) {
            sigcont();
        }
    }

    private void awaitControlSocket() {
        AtomicReference<String> last = new AtomicReference<>("no answer yet");
        try {
            Awaitility.await(this + " control socket " + socket)
                    .atMost(START_LIMIT).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptionsMatching(e -> e instanceof ControlException)
                    .until(() -> {
                        daemon.checkAlive();
                        try {
                            lacp();
                            return true;
                        } catch (ControlException e) {
                            last.set(e.getMessage());
                            return false;
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(this + " control socket did not answer within " + START_LIMIT + " (" + last.get()
                    + "); log " + log() + ":\n" + daemon.logTail(30), e);
        }
    }

    private JsonNode cli(String... args) {
        List<String> argv = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-jar", jar().toString()));
        argv.addAll(List.of(args));
        CommandResult result = netns.command(argv.toArray(String[]::new)).run();
        if (!result.succeeded()) {
            throw new AssertionError("`twinlink " + String.join(" ", args) + "` exited " + result.exitCode() + ": "
                    + result.stderr().strip());
        }
        try {
            return JSON.readTree(result.stdout());
        } catch (IOException e) {
            throw new AssertionError("`twinlink " + String.join(" ", args) + "` printed no JSON: " + result.stdout(), e);
        }
    }

    /** The agent's log format with timestamps (test resource {@code twinlink-agent/logback.xml}). */
    private static String logConfig() {
        java.net.URL url = TwinlinkAgent.class.getResource("/twinlink-agent/logback.xml");
        if (url == null) {
            throw new IllegalStateException("test resource twinlink-agent/logback.xml missing");
        }
        try {
            return Path.of(url.toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + url, e);
        }
    }

    /** The java of the JVM running the tests: agents run on the same JDK. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The fat jar under test, as the build made it. */
    public static Path jar() {
        String property = System.getProperty("twinlink.jar");
        if (property == null) {
            throw new IllegalStateException("system property twinlink.jar not set: run the integration tests through Maven (failsafe)");
        }
        Path jar = Path.of(property);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " missing: build it first (mvn -pl agent -am package)");
        }
        return jar;
    }
}
