package io.twinlink.it.stp;

import io.twinlink.it.harness.Daemon;
import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.TestRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A steady stream of echo requests from one namespace to an address, each reply logged with
 * its arrival time ({@code ping -D}, line-buffered): the outage a link failure causes is the
 * silence between replies. The arrival times are the kernel's wall clock, compared with the
 * test's {@link Instant#now()}; both read the same clock.
 */
final class PingTrace implements AutoCloseable {

    private static final Pattern REPLY = Pattern.compile("^\\[(\\d+)\\.(\\d+)] \\d+ bytes from .*icmp_seq=(\\d+)");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final Daemon ping;
    private final Duration interval;

    private PingTrace(Daemon ping, Duration interval) {
        this.ping = ping;
        this.interval = interval;
    }

    static PingTrace start(Netns from, String address, Duration interval) {
        Path log = TestRun.current().workDir("ping").resolve("ping" + SEQUENCE.incrementAndGet() + "-" + from.name()
                + ".log");
        String seconds = String.format(Locale.ROOT, "%.3f", interval.toNanos() / 1e9);
        Daemon ping = from.start("ping " + address, log, Map.of(),
                "stdbuf", "-oL", "ping", "-D", "-n", "-i", seconds, address);
        return new PingTrace(ping, interval);
    }

    Duration interval() {
        return interval;
    }

    /** Arrival times of every reply so far. */
    List<Instant> replies() {
        List<Instant> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(ping.log())) {
                Matcher m = REPLY.matcher(line);
                if (m.find()) {
                    String micros = (m.group(2) + "000000").substring(0, 6);
                    out.add(Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong(micros) * 1000));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ping.log(), e);
        }
        return out;
    }

    /** True once a reply arrived after {@code instant}. */
    boolean repliedAfter(Instant instant) {
        List<Instant> replies = replies();
        return !replies.isEmpty() && replies.get(replies.size() - 1).isAfter(instant);
    }

    /**
     * From {@code cut} to the reply that ended the last silence longer than {@code tolerance}
     * after it: the time traffic took to be restored for good. When no reply went missing, the
     * time to the first reply after the cut.
     */
    Duration restoredAfter(Instant cut, Duration tolerance) {
        List<Instant> replies = replies();
        Instant previous = cut;
        Instant restored = null;
        for (Instant reply : replies) {
            if (!reply.isAfter(cut)) {
                previous = reply;
                continue;
            }
            if (restored == null || Duration.between(previous, reply).compareTo(tolerance) > 0) {
                restored = reply;
            }
            previous = reply;
        }
        if (restored == null) {
            throw new IllegalStateException("no echo reply after the cut at " + cut + "; log " + ping.log());
        }
        return Duration.between(cut, restored);
    }

    Path log() {
        return ping.log();
    }

    @Override
    public void close() {
        ping.stop(Duration.ofSeconds(2));
    }
}
