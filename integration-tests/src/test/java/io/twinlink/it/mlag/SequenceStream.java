package io.twinlink.it.mlag;

import io.twinlink.it.harness.Daemon;
import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.TestRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;

/**
 * A numbered UDP stream from one namespace to another: a {@link SequenceSender} process in
 * the first, a {@link SequenceReceiver} process in the second, both started from the test
 * classes. What arrived is read back at any time as a {@link StreamReport}: losses, the
 * longest outage, duplicates. Processes rather than threads, so that each end lives wholly
 * in its namespace and a stalled test JVM does not stall the stream.
 */
final class SequenceStream implements AutoCloseable {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /**
     * What to send: {@code flows} source ports from {@code firstSourcePort} on, round robin,
     * {@code rate} datagrams a second in all, to {@code target:port}; the receiver binds
     * {@code receiverBind} (0.0.0.0 for a broadcast target).
     */
    record Spec(String name, Netns senderNetns, String source, int firstSourcePort, int flows,
                Netns receiverNetns, String receiverBind, String target, int port, int rate, boolean broadcast) {

        Spec flows(int first, int count) {
            return new Spec(name, senderNetns, source, first, count, receiverNetns, receiverBind, target, port, rate,
                    broadcast);
        }

        Spec port(int newPort) {
            return new Spec(name, senderNetns, source, firstSourcePort, flows, receiverNetns, receiverBind, target,
                    newPort, rate, broadcast);
        }

        /** Sent to the subnet's broadcast address: every bridge floods it. */
        Spec broadcastTo(String broadcastAddress) {
            return new Spec(name, senderNetns, source, firstSourcePort, flows, receiverNetns, "0.0.0.0",
                    broadcastAddress, port, rate, true);
        }

        SequenceStream start() {
            return SequenceStream.start(this);
        }
    }

    /** One flow at 1000 datagrams a second: a lost datagram is a millisecond without service. */
    static Spec between(String name, Netns senderNetns, String source, Netns receiverNetns, String target) {
        return new Spec(name, senderNetns, source, 42000, 1, receiverNetns, target, target, 9000, 1000, false);
    }

    private final Spec spec;
    private final Path received;
    private final Daemon receiver;
    private final Daemon sender;

    private SequenceStream(Spec spec, Path received, Daemon receiver, Daemon sender) {
        this.spec = spec;
        this.received = received;
        this.receiver = receiver;
        this.sender = sender;
    }

    private static SequenceStream start(Spec spec) {
        Path dir = TestRun.current().workDir("udp-" + spec.name + "-" + SEQUENCE.incrementAndGet());
        Path received = dir.resolve("received.txt");
        Daemon receiver = program(spec.receiverNetns, "udp receiver " + spec.name, dir.resolve("receiver.log"),
                SequenceReceiver.READY, SequenceReceiver.class,
                spec.receiverBind, String.valueOf(spec.port), received.toString());
        Daemon sender;
        try {
            List<String> args = new ArrayList<>(List.of(spec.source, String.valueOf(spec.firstSourcePort),
                    String.valueOf(spec.flows), spec.target, String.valueOf(spec.port), String.valueOf(spec.rate)));
            if (spec.broadcast) {
                args.add("broadcast");
            }
            sender = program(spec.senderNetns, "udp sender " + spec.name, dir.resolve("sender.log"),
                    SequenceSender.READY, SequenceSender.class, args.toArray(String[]::new));
        } catch (RuntimeException e) {
            receiver.close();
            throw e;
        }
        SequenceStream stream = new SequenceStream(spec, received, receiver, sender);
        TestRun.current().closeAtExit(stream);
        return stream;
    }

    Spec spec() {
        return spec;
    }

    /** Everything received so far. */
    StreamReport report() {
        try {
            return StreamReport.parse(spec.name, Files.exists(received) ? Files.readString(received, StandardCharsets.US_ASCII) : "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + received, e);
        }
    }

    /** Waits until {@code count} datagrams sent at or after {@code sinceNanos} arrived. */
    void awaitDelivered(long sinceNanos, int count, Duration limit) {
        Awaitility.await(spec.name + ": " + count + " datagrams delivered")
                .atMost(limit).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    sender.checkAlive();
                    receiver.checkAlive();
                    return report().deliveredSentSince(sinceNanos) >= count;
                });
    }

    /** Stops sending and waits until the last datagrams in flight have been written down. */
    void stopSending() {
        sender.stop(Duration.ofSeconds(5));
        AtomicLong lastSize = new AtomicLong(-1);
        Awaitility.await(spec.name + ": receiver settled").atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(80))
                .until(() -> {
                    long size = Files.exists(received) ? Files.size(received) : 0;
                    return lastSize.getAndSet(size) == size;
                });
    }

    @Override
    public void close() {
        try {
            sender.stop(Duration.ofSeconds(5));
        } finally {
            receiver.stop(Duration.ofSeconds(5));
            TestRun.current().forget(this);
        }
    }

    @Override
    public String toString() {
        return "udp stream " + spec.name + " " + spec.source + " -> " + spec.target + ":" + spec.port;
    }

    /** {@code java -cp TEST-CLASSES MAIN ARGS} in {@code netns}; returns once it printed {@code ready}. */
    private static Daemon program(Netns netns, String name, Path log, String ready, Class<?> main, String... args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-cp", classes().toString(), main.getName()));
        argv.addAll(List.of(args));
        Daemon daemon = netns.start(name, log, Map.of(), argv.toArray(String[]::new));
        Awaitility.await(name + " ready").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    daemon.checkAlive();
                    return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(ready);
                });
        return daemon;
    }

    /** The directory the test classes were loaded from: the two programs need nothing else. */
    private static Path classes() {
        try {
            return Path.of(SequenceSender.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the test classes: " + e.getMessage(), e);
        }
    }
}
