package io.twinlink.it.os;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away network namespace for one test, with a thread that lives inside it.
 *
 * <p>Code run through {@link #call} executes on a thread that entered the namespace with
 * {@code setns(2)}: sockets it opens (netlink, packet/pcap, UDP) and processes it starts
 * ({@code tc}) belong to the namespace, just as they would in an agent started with
 * {@code ip netns exec}. Only that thread moves; the rest of the test JVM stays where it was.
 * Small on purpose: it stays private to these OS tests until the shared harness absorbs it.
 */
final class Netns implements AutoCloseable {

    private interface NsCalls extends Library {
        NsCalls C = Native.load("c", NsCalls.class);
        int O_RDONLY = 0;
        int O_CLOEXEC = 0x80000;
        int CLONE_NEWNET = 0x40000000;

        int open(String path, int flags) throws LastErrorException;

        int setns(int fd, int nstype) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    final String name;
    private final ExecutorService thread;

    private Netns(String name) {
        this.name = name;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "netns-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Creates {@code tlio-<prefix>-<random>} and moves its thread in. */
    static Netns create(String prefix) throws Exception {
        String name = "tlio-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        run("ip", "netns", "add", name);
        Netns ns = new Netns(name);
        try {
            ns.call(() -> {
                int fd = NsCalls.C.open("/run/netns/" + name, NsCalls.O_RDONLY | NsCalls.O_CLOEXEC);
                try {
                    NsCalls.C.setns(fd, NsCalls.CLONE_NEWNET);
                } finally {
                    NsCalls.C.close(fd);
                }
                return null;
            });
            ns.exec("ip", "link", "set", "lo", "up");
        } catch (Exception e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** Runs {@code work} on the namespace's thread and waits for it. */
    <T> T call(Callable<T> work) throws Exception {
        try {
            return thread.submit(work).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Queues {@code work} on the namespace's thread without waiting (an event loop's post). */
    void post(Runnable work) {
        thread.execute(work);
    }

    /** {@code ip netns exec NAME argv...}; fails with the command's own output. */
    String exec(String... argv) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(argv));
        return run(cmd.toArray(String[]::new));
    }

    static String run(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", argv) + ": still running after 30 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", argv) + " -> exit " + p.exitValue() + ": " + out.strip());
        }
        return out;
    }

    /** Ends the thread, then deletes the namespace and with it every interface inside. */
    @Override
    public void close() throws IOException {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
            run("ip", "netns", "del", name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while deleting netns " + name, e);
        }
    }
}
