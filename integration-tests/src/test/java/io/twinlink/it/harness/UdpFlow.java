package io.twinlink.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What one direction of a {@link UdpStream} delivered, read from the receiving probe's file.
 * Losses are told by sequence numbers, durations by the senders' own send times: a receiver
 * or sender that was merely descheduled for a while delays datagrams but loses none, so it
 * does not count as an outage.
 */
public record UdpFlow(String name, List<Datagram> received) {

    public UdpFlow {
        received = List.copyOf(received);
    }

    /** One datagram: its sequence number, when it was sent and when it arrived (CLOCK_MONOTONIC ns). */
    public record Datagram(long seq, long sentNanos, long receivedNanos) {
    }

    /**
     * The longest run of lost datagrams: the send times of the last datagram through before it
     * and the first one after it.
     */
    public record Gap(Datagram before, Datagram after) {

        public long lost() {
            return after.seq - before.seq - 1;
        }

        /** From the last datagram sent before the outage that arrived to the first after it. */
        public Duration duration() {
            return Duration.ofNanos(after.sentNanos - before.sentNanos);
        }
    }

    /** Reads the probe's file; a last line cut short by the probe's exit is left out. */
    public static UdpFlow read(String name, Path file) {
        List<Datagram> datagrams = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        for (String line : lines) {
            String[] f = line.strip().split(" ");
            if (f.length == 3) {
                try {
                    datagrams.add(new Datagram(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])));
                } catch (NumberFormatException ignored) {
                    // a line being written while we read
                }
            }
        }
        datagrams.sort(Comparator.comparingLong(Datagram::seq));
        return new UdpFlow(name, datagrams);
    }

    public int count() {
        return received.size();
    }

    /** Datagrams that arrived after {@code nanos} (CLOCK_MONOTONIC, e.g. a {@link System#nanoTime()} of the test). */
    public long receivedAfter(long nanos) {
        return received.stream().filter(d -> d.receivedNanos > nanos).count();
    }

    /** Datagrams missing between the first and the last received. */
    public long lost() {
        if (received.isEmpty()) {
            return 0;
        }
        return received.get(received.size() - 1).seq - received.get(0).seq + 1 - distinct();
    }

    /** The longest outage among datagrams sent after {@code fromNanos}; empty when none was lost. */
    public Optional<Gap> longestGapAfter(long fromNanos) {
        Gap longest = null;
        for (int i = 1; i < received.size(); i++) {
            Datagram before = received.get(i - 1);
            Datagram after = received.get(i);
            if (after.sentNanos < fromNanos || after.seq - before.seq <= 1) {
                continue;
            }
            Gap gap = new Gap(before, after);
            if (longest == null || gap.duration().compareTo(longest.duration()) > 0) {
                longest = gap;
            }
        }
        return Optional.ofNullable(longest);
    }

    private long distinct() {
        return received.stream().mapToLong(Datagram::seq).distinct().count();
    }

    @Override
    public String toString() {
        return name + ": " + count() + " received, " + lost() + " lost";
    }
}
