package io.twinlink.it.mlag;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What a {@link SequenceReceiver} wrote down, summed up. Times are the sender's send
 * timestamps: an outage is the time between the last datagram delivered before a run of lost
 * ones and the first delivered after it, so a receiver or sender that was merely slow (a busy
 * machine delays, it does not lose) does not count as an outage.
 *
 * @param delivered  datagrams received, duplicates included
 * @param distinct   distinct sequence numbers received
 * @param lost       sequence numbers missing between the first and the last received
 * @param outage     the longest outage, {@link Duration#ZERO} when nothing was lost
 * @param outageFrom send time of the last datagram delivered before the longest outage (0 if none)
 * @param outageTo   send time of the first datagram delivered after it (0 if none)
 */
record StreamReport(String name, int delivered, int distinct, long lost, Duration outage, long outageFrom,
                    long outageTo, long[] sequences, long[] sentNanos) {

    int duplicates() {
        return delivered - distinct;
    }

    /** Distinct datagrams delivered whose send time is at or after {@code nanos}. */
    long deliveredSentSince(long nanos) {
        return Arrays.stream(sentNanos).filter(t -> t >= nanos).count();
    }

    /** Distinct datagrams delivered whose send time lies in [{@code from}, {@code to}). */
    long deliveredSentBetween(long from, long to) {
        return Arrays.stream(sentNanos).filter(t -> t >= from && t < to).count();
    }

    @Override
    public String toString() {
        return name + ": " + delivered + " delivered, " + distinct + " distinct, " + duplicates() + " duplicates, "
                + lost + " lost, longest outage " + outage.toMillis() + " ms";
    }

    static StreamReport parse(String name, String text) {
        String[] lines = text.split("\n");
        // The receiver may be writing its last line right now.
        int complete = text.endsWith("\n") ? lines.length : lines.length - 1;
        Map<Long, Long> firstSent = new HashMap<>();
        int delivered = 0;
        for (int i = 0; i < complete; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] fields = lines[i].split(" ");
            delivered++;
            firstSent.putIfAbsent(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
        }
        long[] sequences = firstSent.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        long[] sent = Arrays.stream(sequences).map(firstSent::get).toArray();
        long lost = 0;
        long outage = 0;
        long outageFrom = 0;
        long outageTo = 0;
        for (int i = 1; i < sequences.length; i++) {
            long missing = sequences[i] - sequences[i - 1] - 1;
            if (missing > 0) {
                lost += missing;
                long span = sent[i] - sent[i - 1];
                if (span > outage) {
                    outage = span;
                    outageFrom = sent[i - 1];
                    outageTo = sent[i];
                }
            }
        }
        return new StreamReport(name, delivered, sequences.length, lost, Duration.ofNanos(outage), outageFrom, outageTo,
                sequences, sent);
    }
}
