package io.twinlink.it.mlag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * What a {@link SequenceReceiver} wrote down, summed up. Times are the sender's send
 * timestamps: an outage is the time between the last datagram delivered before a run of lost
 * ones and the first delivered after it, so a receiver or sender that was merely slow (a busy
 * machine delays, it does not lose) does not count as an outage.
 *
 * @param delivered          datagrams received, duplicates included
 * @param sequences          the distinct sequence numbers received, ascending
 * @param sentNanos          the send time of each of them
 * @param duplicateSentNanos the send time of each extra copy delivered
 */
public record StreamReport(String name, int delivered, long[] sequences, long[] sentNanos, long[] duplicateSentNanos) {

    int distinct() {
        return sequences.length;
    }

    int duplicates() {
        return delivered - sequences.length;
    }

    /** Sequence numbers missing between the first and the last received. */
    long lost() {
        return sequences.length == 0 ? 0 : sequences[sequences.length - 1] - sequences[0] + 1 - sequences.length;
    }

    /** The longest outage of the whole stream, {@link Duration#ZERO} when nothing was lost. */
    public Duration outage() {
        return outageBetween(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * The longest outage that ended at or after {@code from} and began before {@code to}: the
     * send times of the datagrams delivered on either side of a run of lost ones.
     */
    public Duration outageBetween(long from, long to) {
        long longest = 0;
        for (int i = 1; i < sequences.length; i++) {
            if (sequences[i] - sequences[i - 1] > 1 && sentNanos[i] >= from && sentNanos[i - 1] < to) {
                longest = Math.max(longest, sentNanos[i] - sentNanos[i - 1]);
            }
        }
        return Duration.ofNanos(longest);
    }

    /** Distinct datagrams delivered whose send time is at or after {@code nanos}. */
    long deliveredSentSince(long nanos) {
        return Arrays.stream(sentNanos).filter(t -> t >= nanos).count();
    }

    /** Extra copies delivered of datagrams sent in [{@code from}, {@code to}). */
    long duplicatesSentBetween(long from, long to) {
        return Arrays.stream(duplicateSentNanos).filter(t -> t >= from && t < to).count();
    }

    @Override
    public String toString() {
        return name + ": " + delivered + " delivered, " + distinct() + " distinct, " + duplicates() + " duplicates, "
                + lost() + " lost, longest outage " + outage().toMillis() + " ms";
    }

    static StreamReport parse(String name, String text) {
        String[] lines = text.split("\n");
        // The receiver may be writing its last line right now.
        int complete = text.endsWith("\n") ? lines.length : lines.length - 1;
        TreeMap<Long, Long> firstSent = new TreeMap<>();
        List<Long> duplicates = new ArrayList<>();
        int delivered = 0;
        for (int i = 0; i < complete; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] fields = lines[i].split(" ");
            delivered++;
            long sent = Long.parseLong(fields[1]);
            if (firstSent.putIfAbsent(Long.parseLong(fields[0]), sent) != null) {
                duplicates.add(sent);
            }
        }
        return new StreamReport(name, delivered, firstSent.keySet().stream().mapToLong(Long::longValue).toArray(),
                firstSent.values().stream().mapToLong(Long::longValue).toArray(),
                duplicates.stream().mapToLong(Long::longValue).toArray());
    }
}
