package io.twinlink.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One external command run to completion with a deadline. Output goes to temporary files
 * rather than pipes: a daemon the command leaves behind may keep a pipe open forever, a file
 * never blocks anyone.
 */
public final class Command {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final List<String> argv;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Duration timeout = DEFAULT_TIMEOUT;
    private String input;
    private Path directory;

    private Command(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        this.argv = List.copyOf(argv);
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv));
    }

    public static Command of(List<String> argv) {
        return new Command(argv);
    }

    public Command timeout(Duration limit) {
        this.timeout = limit;
        return this;
    }

    public Command env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public Command env(Map<String, String> variables) {
        environment.putAll(variables);
        return this;
    }

    /** Working directory of the command (otherwise the JVM's). */
    public Command directory(Path dir) {
        this.directory = dir;
        return this;
    }

    /** Text written to the command's standard input (otherwise it reads /dev/null). */
    public Command input(String text) {
        this.input = text;
        return this;
    }

    public List<String> argv() {
        return argv;
    }

    /** Runs and throws {@link CommandFailedException} unless the exit code is 0. */
    public CommandResult check() {
        return run().check();
    }

    /** Runs and returns the result whatever the exit code; throws only on timeout or when it cannot start. */
    public CommandResult run() {
        Path out = null;
        Path err = null;
        Path in = null;
        try {
            out = Files.createTempFile("tl-cmd-", ".out");
            err = Files.createTempFile("tl-cmd-", ".err");
            ProcessBuilder builder = new ProcessBuilder(argv)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            if (input != null) {
                in = Files.createTempFile("tl-cmd-", ".in");
                Files.writeString(in, input);
                builder.redirectInput(in.toFile());
            } else {
                builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            }
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new CommandFailedException("cannot run `" + render(argv) + "`: " + e.getMessage());
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                // Only this command and what it spawned: all of it was started here.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new CommandFailedException("`" + render(argv) + "` did not finish within " + timeout
                        + "; stderr: " + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
            return new CommandResult(argv, process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CommandFailedException("`" + render(argv) + "`: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted while running `" + render(argv) + "`");
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
            deleteQuietly(in);
        }
    }

    @Override
    public String toString() {
        return render(argv);
    }

    static String render(List<String> argv) {
        return argv.stream()
                .map(a -> a.isEmpty() || a.chars().anyMatch(c -> " \t'\"$\\".indexOf(c) >= 0) ? "'" + a.replace("'", "'\\''") + "'" : a)
                .collect(Collectors.joining(" "));
    }

    static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file that outlives us is harmless; the command's result is what matters
            }
        }
    }
}
