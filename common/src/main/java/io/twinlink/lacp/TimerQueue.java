package io.twinlink.lacp;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The engine's virtual clock and every pending deadline on it (timers, and LACPDUs the
 * transmit rate limit holds back), soonest first. Finding the next wake-up or the ports whose
 * time has come costs a heap operation instead of a look at every timer of every port, which
 * at a thousand ports and two thousand LACPDUs a second is what the event loop would
 * otherwise spend its time on.
 *
 * <p>A restarted or stopped timer leaves its old entry behind; entries are checked against
 * their port when they come up ({@link AggregationPort#fallsDueAt}) and stale ones dropped.
 */
final class TimerQueue {

    private record Entry(long at, AggregationPort port) {
    }

    private final PriorityQueue<Entry> entries = new PriorityQueue<>(Comparator.comparingLong(Entry::at));
    private long now;

    long now() {
        return now;
    }

    /**
     * Files a deadline. One already reached needs no entry: the machines that started the
     * timer run until nothing changes and see it expired in the same pass.
     */
    void schedule(long at, AggregationPort port) {
        if (at > now) {
            entries.add(new Entry(at, port));
        }
    }

    /** Nanoseconds until the soonest live deadline, or {@link Long#MAX_VALUE} when none. */
    long nanosUntilNext() {
        while (!entries.isEmpty()) {
            Entry next = entries.peek();
            if (next.port().fallsDueAt(next.at())) {
                return next.at() - now;
            }
            entries.poll();
        }
        return Long.MAX_VALUE;
    }

    /** Moves the clock on by {@code nanos} and hands over each port with a deadline reached, once per deadline. */
    void advance(long nanos, Consumer<AggregationPort> due) {
        now += nanos;
        while (!entries.isEmpty() && entries.peek().at() <= now) {
            Entry e = entries.poll();
            if (e.port().fallsDueAt(e.at())) {
                due.accept(e.port());
            }
        }
    }
}
