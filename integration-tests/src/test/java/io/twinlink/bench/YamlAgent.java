package io.twinlink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinlink.agent.control.ControlClient;
import io.twinlink.agent.control.ControlException;
import io.twinlink.it.harness.Daemon;
import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.TestRun;
import io.twinlink.it.harness.TwinlinkAgent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.awaitility.Awaitility;

/**
 * A twinlink agent started from a configuration the benchmark writes itself (spanning tree,
 * MC-LAG, a thousand ports), where the harness's {@link TwinlinkAgent} speaks only LACP
 * bundles. The same fat jar, the same command line; {@code launcher} is the command that
 * runs the jar (a plain {@code java -jar}, or bin/twinlink with its JVM options).
 */
final class YamlAgent implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Daemon daemon;
    private final ControlClient control;
    private final Path capture;

    private YamlAgent(Daemon daemon, ControlClient control, Path capture) {
        this.daemon = daemon;
        this.control = control;
        this.capture = capture;
    }

    /**
     * Writes the configuration ({@code yaml} gets the control socket and capture paths) and
     * starts the agent; returns once {@code show ready} answers.
     */
    static YamlAgent start(Netns netns, String label, Function<Paths, String> yaml, List<String> launcher, String ready) {
        int n = SEQUENCE.incrementAndGet();
        Path work = TestRun.current().workDir("agent-" + label + "-" + n);
        Paths paths = new Paths(TestRun.current().runtimeDir("ya" + n).resolve("twinlink.sock"), work.resolve("agent.pcap"));
        Path config = work.resolve("twinlink.yaml");
        try {
            Files.writeString(config, yaml.apply(paths));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        List<String> argv = new ArrayList<>(launcher);
        argv.addAll(List.of("agent", "--config", config.toString()));
        Daemon daemon = netns.start("twinlink " + label, work.resolve("agent.log"),
                Map.of("TWINLINK_LOG_LEVEL", "INFO"), argv.toArray(String[]::new));
        YamlAgent agent = new YamlAgent(daemon, new ControlClient(paths.socket(), Duration.ofSeconds(10)), paths.capture());
        try {
            Awaitility.await(label + " control socket").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptionsMatching(e -> e instanceof ControlException)
                    .until(() -> {
                        daemon.checkAlive();
                        agent.show(ready);
                        return true;
                    });
        } catch (RuntimeException | AssertionError e) {
            daemon.close();
            throw new AssertionError(label + " did not answer on its control socket; log " + daemon.log() + ":\n"
                    + daemon.logTail(20), e);
        }
        return agent;
    }

    /** `java -jar twinlink.jar`, as the integration tests run it. */
    static List<String> plainJava() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                TwinlinkAgent.jar().toString());
    }

    /** The socket and capture paths the configuration must name. */
    record Paths(Path socket, Path capture) {
    }

    JsonNode show(String what) {
        return control.show(what);
    }

    long pid() {
        return daemon.pid();
    }

    Path capture() {
        return capture;
    }

    Path log() {
        return daemon.log();
    }

    boolean isAlive() {
        return daemon.isAlive();
    }

    /** SIGKILL, by its PID: no goodbye to anyone. */
    void kill9() {
        daemon.signal("KILL");
        daemon.waitFor(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        daemon.stop(Duration.ofSeconds(10));
    }
}
