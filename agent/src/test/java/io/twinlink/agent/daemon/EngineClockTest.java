package io.twinlink.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When the clock wakes an engine, and what time the engine is told, on a virtual loop. */
class EngineClockTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long S = TimeUnit.SECONDS.toNanos(1);

    private final VirtualLoop loop = new VirtualLoop();

    /** An engine made of deadlines on its own virtual time; a periodic one restarts from its deadline. */
    private final class Deadlines {
        long now;
        final TreeSet<Long> pending = new TreeSet<>();
        long period;
        /** (engine time fired, loop time of the wake-up) per deadline fired. */
        final List<long[]> fired = new ArrayList<>();
        int ticks;

        List<Long> tick(long elapsed) {
            ticks++;
            now += elapsed;
            List<Long> out = new ArrayList<>();
            while (!pending.isEmpty() && pending.first() <= now) {
                long at = pending.pollFirst();
                fired.add(new long[] {at, loop.now()});
                out.add(at);
                if (period > 0) {
                    pending.add(at + period);
                }
            }
            return out;
        }

        long nanosUntilNextEvent() {
            return pending.isEmpty() ? Long.MAX_VALUE : pending.first() - now;
        }
    }

    private EngineClock<Long> clock(Deadlines engine, long slack) {
        return new EngineClock<>(loop, loop::now, engine::tick, engine::nanosUntilNextEvent, effects -> { }, slack, 0);
    }

    @Test
    void deadlinesInsideOneSlackSlotShareOneWakeUpAtTheSlotsEnd() {
        Deadlines engine = new Deadlines();
        engine.pending.addAll(List.of(1 * MS, 2 * MS, 3 * MS, 7 * MS));
        clock(engine, 5 * MS).start();

        loop.runFor(20 * MS);

        assertThat(engine.fired).extracting(f -> f[0]).containsExactly(1 * MS, 2 * MS, 3 * MS, 7 * MS);
        assertThat(engine.fired).extracting(f -> f[1]).containsExactly(5 * MS, 5 * MS, 5 * MS, 10 * MS);
        assertThat(engine.ticks).as("one tick per slot").isEqualTo(2);
    }

    @Test
    void withoutSlackEachDeadlineIsServedOnTimeFromAWholeMillisecondSleep() {
        Deadlines engine = new Deadlines();
        engine.pending.addAll(List.of(2 * MS + 700_000, 9 * MS + 100_000));
        clock(engine, 0).start();

        loop.runFor(20 * MS);

        // The loop sleeps 2 ms and 6 ms (whole milliseconds, rounded down: the selector would
        // spin out a fraction), and each wake-up serves its deadline exactly, a little early.
        assertThat(engine.fired).extracting(f -> f[0]).containsExactly(2 * MS + 700_000, 9 * MS + 100_000);
        assertThat(engine.fired).extracting(f -> f[1]).containsExactly(2 * MS, 9 * MS);
        for (long[] f : engine.fired) {
            assertThat(f[0] - f[1]).as("engine time leads the loop by under a millisecond").isBetween(0L, MS - 1);
        }
    }

    @Test
    void aPeriodicTimerNeverDriftsAndEachWakeUpIsWithinTheSlack() {
        Deadlines engine = new Deadlines();
        engine.period = S;
        engine.pending.add(S + 123_457);
        EngineClock<Long> clock = clock(engine, 5 * MS);
        clock.start();

        // events in between (frames) make the clock re-plan its wake-up each time
        for (int i = 0; i < 1000; i++) {
            loop.runFor(97 * MS);
            clock.catchUp();
            clock.reschedule();
        }

        assertThat(engine.fired).hasSizeGreaterThanOrEqualTo(96);
        for (int k = 0; k < engine.fired.size(); k++) {
            long[] f = engine.fired.get(k);
            assertThat(f[0]).as("deadline %d at its exact virtual time", k).isEqualTo((k + 1) * S + 123_457);
            assertThat(f[1] - f[0]).as("wake-up %d late by at most the slack", k).isBetween(-MS, 5 * MS);
        }
    }

    @Test
    void engineTimeNeverGoesBackWhenAnEventFollowsAnEarlyWakeUp() {
        Deadlines engine = new Deadlines();
        engine.pending.add(2 * MS + 900_000);
        EngineClock<Long> clock = clock(engine, 0);
        clock.start();
        loop.runFor(2 * MS); // wakes at 2 ms, serves 2.9 ms
        long engineNow = engine.now;
        clock.catchUp(); // an event at loop time 2 ms: nothing to tick, no negative step
        assertThat(engine.now).isEqualTo(engineNow).isEqualTo(2 * MS + 900_000);
    }
}
