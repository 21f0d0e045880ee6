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
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A steady stream of echo requests from one namespace to an address ({@code ping -D}, line
 * buffered), each reply logged with its arrival time and round trip. An outage shows as echo
 * requests that never got a reply, which a busy machine's jitter cannot fake (late replies
 * still arrive); it ends with the arrival of the first reply after the last lost request (not
 * that request's send time: during a long outage the kernel may hold requests back while it
 * resolves the neighbour, and releases them when the path opens). Times are the kernel's wall
 * clock, the same clock as the test's {@link Instant#now()}.
 */
final class PingTrace implements AutoCloseable {

    private static final Pattern REPLY = Pattern.compile(
            "^\\[(\\d+)\\.(\\d+)] \\d+ bytes from \\S+ icmp_seq=(\\d+) ttl=\\d+ time=([0-9.]+) ms( \\(DUP!\\))?");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** One echo reply: the sequence number of its request, when that was sent and when the reply came. */
    record Reply(int seq, Instant sent, Instant arrived, boolean duplicate) {
    }

    /**
     * What a cut did to the stream.
     *
     * @param restored from the cut to the arrival of the first reply after the last unanswered
     *                 request (zero when none went unanswered)
     * @param lost     requests sent around or after the cut that were never answered
     */
    record Outage(Duration restored, int lost) {
    }

    private final Daemon ping;

    private PingTrace(Daemon ping) {
        this.ping = ping;
    }

    static PingTrace start(Netns from, String address, Duration interval) {
        Path log = TestRun.current().workDir("ping").resolve("ping" + SEQUENCE.incrementAndGet() + "-" + from.name()
                + ".log");
        String seconds = String.format(Locale.ROOT, "%.3f", interval.toNanos() / 1e9);
        Daemon ping = from.start("ping " + address, log, Map.of(),
                "stdbuf", "-oL", "ping", "-D", "-n", "-i", seconds, address);
        return new PingTrace(ping);
    }

    /** Every reply so far, in arrival order. */
    List<Reply> replies() {
        List<Reply> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(ping.log())) {
                Matcher m = REPLY.matcher(line);
                if (m.find()) {
                    String micros = (m.group(2) + "000000").substring(0, 6);
                    Instant arrived = Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong(micros) * 1000);
                    long rttNanos = (long) (Double.parseDouble(m.group(4)) * 1e6);
                    out.add(new Reply(Integer.parseInt(m.group(3)), arrived.minusNanos(rttNanos), arrived,
                            m.group(5) != null));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ping.log(), e);
        }
        return out;
    }

    /** Replies to requests sent after {@code instant}. */
    long answeredSentAfter(Instant instant) {
        return replies().stream().filter(r -> r.sent().isAfter(instant)).count();
    }

    /** Duplicated replies: one request answered twice means a frame went round a loop. */
    long duplicates() {
        return replies().stream().filter(Reply::duplicate).count();
    }

    /**
     * The outage a cut at {@code cut} caused: every request after the last one sent before the
     * cut and answered is expected back, up to the last request answered.
     */
    Outage outageAfter(Instant cut) {
        TreeMap<Integer, Reply> bySeq = new TreeMap<>();
        replies().stream().filter(r -> !r.duplicate()).forEach(r -> bySeq.put(r.seq(), r));
        int beforeCut = bySeq.values().stream().filter(r -> r.sent().isBefore(cut)).mapToInt(Reply::seq).max()
                .orElseThrow(() -> new IllegalStateException("no echo reply before the cut; log " + ping.log()));
        int last = bySeq.lastKey();
        if (last == beforeCut) {
            throw new IllegalStateException("no echo reply after the cut at " + cut + "; log " + ping.log());
        }
        int lost = 0;
        int lastLost = -1;
        for (int seq = beforeCut + 1; seq < last; seq++) {
            if (!bySeq.containsKey(seq)) {
                lost++;
                lastLost = seq;
            }
        }
        if (lost == 0) {
            return new Outage(Duration.ZERO, 0);
        }
        Duration restored = Duration.between(cut, bySeq.get(lastLost + 1).arrived());
        return new Outage(restored.isNegative() ? Duration.ZERO : restored, lost);
    }

    Path log() {
        return ping.log();
    }

    @Override
    public void close() {
        ping.stop(Duration.ofSeconds(2));
    }
}
