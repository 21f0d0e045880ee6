package io.twinlink.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace owned by this test run, named {@code tl-<run id>-<label><n>}. Closing
 * it ends every process still inside (all started by this run, since nobody else knows the
 * name) and deletes it, which destroys its veth, tap and bridge interfaces with it.
 */
public final class Netns implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private boolean closed;

    private Netns(String name) {
        this.name = name;
    }

    /** Creates a namespace with loopback up. {@code label} makes the name readable, e.g. "ovs". */
    public static Netns create(String label) {
        requireRoot();
        String name = TestRun.current().netnsPrefix() + label + SEQUENCE.incrementAndGet();
        Command.of("ip", "netns", "add", name).check();
        Netns netns = new Netns(name);
        TestRun.current().closeAtExit(netns);
        netns.exec("ip", "link", "set", "lo", "up");
        return netns;
    }

    public String name() {
        return name;
    }

    /** A command that runs inside this namespace. */
    public Command command(String... argv) {
        return Command.of(Command.concat(List.of("ip", "netns", "exec", name), argv));
    }

    /** Runs inside this namespace; fails with the command and its stderr on a non-zero exit. */
    public CommandResult exec(String... argv) {
        return command(argv).check();
    }

    /** Starts a long-running process inside this namespace (`ip netns exec` execs it, so its PID is the daemon's). */
    public Daemon start(String daemonName, Path log, Map<String, String> environment, String... argv) {
        return Daemon.start(daemonName, Command.concat(List.of("ip", "netns", "exec", name), argv), environment, log);
    }

    /** A veth pair from {@code localName} here to {@code peerName} in {@code peer}; both ends start down. */
    public void veth(String localName, Netns peer, String peerName) {
        Command.of("ip", "link", "add", localName, "netns", name, "type", "veth",
                "peer", "name", peerName, "netns", peer.name).check();
    }

    /** A persistent tap interface (for qemu's -netdev tap); it has carrier once qemu opens it. */
    public void tap(String tapName) {
        exec("ip", "tuntap", "add", "dev", tapName, "mode", "tap");
    }

    public void deleteLink(String linkName) {
        exec("ip", "link", "del", linkName);
    }

    public void linkUp(String linkName) {
        exec("ip", "link", "set", linkName, "up");
    }

    public void linkDown(String linkName) {
        exec("ip", "link", "set", linkName, "down");
    }

    public void setMac(String linkName, String mac) {
        exec("ip", "link", "set", linkName, "address", mac);
    }

    public void addAddress(String linkName, String cidr) {
        exec("ip", "addr", "add", cidr, "dev", linkName);
    }

    public Link link(String linkName) {
        JsonNode array = ipJson("link", "show", "dev", linkName);
        if (array.size() != 1) {
            throw new IllegalStateException("no single link " + linkName + " in " + name + ": " + array);
        }
        return Link.fromJson(array.get(0));
    }

    public List<Link> links() {
        List<Link> links = new ArrayList<>();
        ipJson("link", "show").forEach(node -> links.add(Link.fromJson(node)));
        return links;
    }

    /** Packets the kernel counted as sent by {@code linkName} (`ip -s link`), for telling which member carries a flow. */
    public long txPackets(String linkName) {
        return ipJson("-s", "link", "show", "dev", linkName).path(0).path("stats64").path("tx").path("packets").asLong();
    }

    /** `ip -j ARGS` inside this namespace, parsed. */
    public JsonNode ipJson(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-j"));
        argv.addAll(List.of(args));
        String out = exec(argv.toArray(String[]::new)).stdout();
        try {
            return JSON.readTree(out.isBlank() ? "[]" : out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse `ip -j " + String.join(" ", args) + "`: " + out, e);
        }
    }

    /** True when {@code count} echo requests all got a reply, each within {@code wait}. */
    public boolean ping(String address, int count, Duration wait) {
        return command("ping", "-n", "-q", "-c", String.valueOf(count), "-i", "0.2",
                "-W", String.valueOf(Math.max(1, wait.toSeconds())), address)
                .timeout(wait.multipliedBy(count).plusSeconds(5))
                .run().succeeded();
    }

    /** PIDs of the processes whose network namespace is this one. */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        for (String line : Command.of("ip", "netns", "pids", name).run().stdout().split("\n")) {
            if (!line.isBlank()) {
                pids.add(Long.parseLong(line.strip()));
            }
        }
        return pids;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Whatever still runs in here was started by this run: only its tests know the name.
        List<ProcessHandle> inside = new ArrayList<>();
        for (long pid : pids()) {
            ProcessHandle.of(pid).ifPresent(inside::add);
        }
        inside.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : inside) {
            try {
                process.onExit().get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                System.err.println("twinlink-it: pid " + process.pid() + " in " + name + " did not exit: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Command.of("ip", "netns", "del", name).check();
        TestRun.current().forget(this);
    }

    @Override
    public String toString() {
        return "netns " + name;
    }

    private static void requireRoot() {
        String uid = Command.of("id", "-u").check().stdout().strip();
        if (!uid.equals("0")) {
            throw new IllegalStateException("integration tests need root (network namespaces, veth, OVS, qemu): run bin/test as root");
        }
    }
}
