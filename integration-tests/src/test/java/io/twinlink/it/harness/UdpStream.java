package io.twinlink.it.harness;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * A UDP stream both ways between two namespaces: one {@link UdpProbe} process in each, sending
 * to the other at a fixed interval and logging what arrives. Read {@link #aToB()} and
 * {@link #bToA()} at any time, more precisely after {@link #close()}.
 */
public final class UdpStream implements AutoCloseable {

    /** One end: the namespace and the address its probe binds (already configured there). */
    public record End(Netns netns, String address) {
    }

    private final String name;
    private final End a;
    private final End b;
    private final Path aReceived;
    private final Path bReceived;
    private final Daemon aProbe;
    private final Daemon bProbe;

    private UdpStream(String name, End a, End b, Path aReceived, Path bReceived, Daemon aProbe, Daemon bProbe) {
        this.name = name;
        this.a = a;
        this.b = b;
        this.aReceived = aReceived;
        this.bReceived = bReceived;
        this.aProbe = aProbe;
        this.bProbe = bProbe;
    }

    /** Starts both probes and returns once both have their socket bound; datagrams flow from then on. */
    public static UdpStream start(String name, End a, End b, int port, Duration interval) {
        Path dir = TestRun.current().workDir("udp-" + name);
        Path aReceived = dir.resolve("received-by-a.txt");
        Path bReceived = dir.resolve("received-by-b.txt");
        Daemon bProbe = probe(b, a, port, interval, bReceived, dir.resolve("probe-b.log"));
        Daemon aProbe;
        try {
            aProbe = probe(a, b, port, interval, aReceived, dir.resolve("probe-a.log"));
        } catch (RuntimeException e) {
            bProbe.close();
            throw e;
        }
        UdpStream stream = new UdpStream(name, a, b, aReceived, bReceived, aProbe, bProbe);
        TestRun.current().closeAtExit(stream);
        return stream;
    }

    /** What B received from A so far. */
    public UdpFlow aToB() {
        return UdpFlow.read(name + " " + a.address + " -> " + b.address, bReceived);
    }

    /** What A received from B so far. */
    public UdpFlow bToA() {
        return UdpFlow.read(name + " " + b.address + " -> " + a.address, aReceived);
    }

    /** Waits until each direction delivered at least {@code datagrams} after {@code sinceNanos}. */
    public void awaitFlowing(long sinceNanos, int datagrams, Duration limit) {
        Awaitility.await(name + ": " + datagrams + " datagrams each way")
                .atMost(limit).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    aProbe.checkAlive();
                    bProbe.checkAlive();
                    return aToB().receivedAfter(sinceNanos) >= datagrams && bToA().receivedAfter(sinceNanos) >= datagrams;
                });
    }

    /** Stops both probes (SIGTERM: their files are flushed). */
    @Override
    public void close() {
        try {
            aProbe.stop(Duration.ofSeconds(5));
        } finally {
            bProbe.stop(Duration.ofSeconds(5));
            TestRun.current().forget(this);
        }
    }

    @Override
    public String toString() {
        return "udp stream " + name;
    }

    private static Daemon probe(End self, End peer, int port, Duration interval, Path received, Path log) {
        Daemon probe = self.netns.start("udp probe " + self.address, log, Map.of(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", classes().toString(), UdpProbe.class.getName(),
                self.address, peer.address, String.valueOf(port), String.valueOf(interval.toNanos() / 1_000),
                received.toString());
        Awaitility.await("udp probe " + self.address + " bound").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    probe.checkAlive();
                    return Files.readString(log, StandardCharsets.UTF_8).contains(UdpProbe.READY);
                });
        return probe;
    }

    /** The directory (or jar) UdpProbe was loaded from: it needs nothing else. */
    private static Path classes() {
        try {
            return Path.of(UdpProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the test classes: " + e.getMessage(), e);
        }
    }
}
