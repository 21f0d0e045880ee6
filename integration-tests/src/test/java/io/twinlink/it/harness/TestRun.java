package io.twinlink.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * This JVM's test run: a short random id that goes into the name of every namespace and
 * runtime directory it creates, and a last-resort cleanup. Everything a test creates is
 * closed by the test itself (try-with-resources); whatever a crashed test left open is
 * closed by a shutdown hook, newest first. Only resources registered here are touched, so a
 * concurrent run on the same machine (another worktree, CI) is never disturbed.
 */
public final class TestRun {

    private static final TestRun CURRENT = new TestRun();

    private final String id;
    private final Path workDir;
    private final Path runtimeDir;
    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    private TestRun() {
        byte[] bytes = new byte[3];
        new SecureRandom().nextBytes(bytes);
        id = System.getProperty("twinlink.it.runId", HexFormat.of().formatHex(bytes));
        workDir = Path.of(System.getProperty("twinlink.it.workdir",
                System.getProperty("java.io.tmpdir") + "/twinlink-it")).toAbsolutePath().resolve(id);
        // Unix socket paths are limited to 108 bytes, so sockets and pid files live under /tmp
        // whatever the checkout path; logs and databases go to workDir where they survive the run.
        runtimeDir = Path.of("/tmp", "tl-" + id);
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeLeftovers, "twinlink-it-cleanup"));
    }

    public static TestRun current() {
        return CURRENT;
    }

    /** Six hex digits, unique enough between runs sharing one machine. */
    public String id() {
        return id;
    }

    /** Prefix of every network namespace this run creates. */
    public String netnsPrefix() {
        return "tl-" + id + "-";
    }

    /** This run's directory for logs and results (under target/it-work in Maven). */
    public Path workDir() {
        return createDirectories(workDir);
    }

    /** A directory for logs and files worth keeping after the run (under target/ in Maven). */
    public Path workDir(String name) {
        return createDirectories(workDir.resolve(name));
    }

    /** A short-path directory for sockets and pid files; deleted when the run ends. */
    public Path runtimeDir(String name) {
        return createDirectories(runtimeDir.resolve(name));
    }

    /** Closes {@code resource} at JVM exit unless {@link #forget} was called first. */
    public synchronized void closeAtExit(AutoCloseable resource) {
        open.push(resource);
    }

    public synchronized void forget(AutoCloseable resource) {
        open.remove(resource);
    }

    private void closeLeftovers() {
        Deque<AutoCloseable> leftovers;
        synchronized (this) {
            leftovers = new ArrayDeque<>(open);
            open.clear();
        }
        for (AutoCloseable resource : leftovers) {
            try {
                System.err.println("twinlink-it: cleaning up leftover " + resource);
                resource.close();
            } catch (Exception e) {
                System.err.println("twinlink-it: cleanup of " + resource + " failed: " + e.getMessage());
            }
        }
        deleteTree(runtimeDir);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    System.err.println("twinlink-it: cannot delete " + p + ": " + e.getMessage());
                }
            });
        } catch (IOException e) {
            System.err.println("twinlink-it: cannot delete " + root + ": " + e.getMessage());
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
