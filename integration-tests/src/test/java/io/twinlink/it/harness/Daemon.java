package io.twinlink.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A long-running process this test run started (ovs-vswitchd, qemu, tcpdump, the agent),
 * its output appended to a log file. It stays a child of the JVM (no --detach): the JVM
 * reaps it, and stopping it by its own PID can never hit anyone else's process.
 */
public final class Daemon implements AutoCloseable {

    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    private final String name;
    private final List<String> argv;
    private final Process process;
    private final Path log;

    private Daemon(String name, List<String> argv, Process process, Path log) {
        this.name = name;
        this.argv = argv;
        this.process = process;
        this.log = log;
    }

    public static Daemon start(String name, List<String> argv, Map<String, String> environment, Path log) {
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        try {
            Daemon daemon = new Daemon(name, List.copyOf(argv), builder.start(), log);
            TestRun.current().closeAtExit(daemon);
            return daemon;
        } catch (IOException e) {
            throw new CommandFailedException("cannot start " + name + " (`" + Command.render(argv) + "`): " + e.getMessage());
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** The exit code once the process has ended (128 + N after signal N), empty while it runs. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Sends signal {@code name} (TERM, KILL, STOP, CONT...) to this process only, by its PID. */
    public void signal(String name) {
        if (process.isAlive()) {
            Command.of("kill", "-s", name, String.valueOf(process.pid())).check();
        }
    }

    /** Waits up to {@code limit} for the process to end by itself; true if it did. */
    public boolean waitFor(Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Fails with the log's tail when the process has already exited. */
    public void checkAlive() {
        if (!process.isAlive()) {
            throw new CommandFailedException(name + " (`" + Command.render(argv) + "`) exited "
                    + process.exitValue() + "; log " + log + ":\n" + logTail(20));
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}; returns once the process is gone. */
    public void stop(Duration grace) {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            TestRun.current().forget(this);
        }
    }

    /** Waits for the process to exit by itself (after an `exit` request), then stops it anyway. */
    public void awaitExit(Duration limit) {
        try {
            process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop(DEFAULT_GRACE);
    }

    @Override
    public void close() {
        stop(DEFAULT_GRACE);
    }

    @Override
    public String toString() {
        return name + " pid " + process.pid();
    }
}
