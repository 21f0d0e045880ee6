package io.twinlink.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * EngineClock with an engine that, like the MC-LAG pair, declares its peer dead after 300 ms
 * without hearing from it and wakes every 100 ms to send. The loop's clock is skewed to play
 * a stall: the loop thread not scheduled for a while, then running its late wake-up.
 */
class EngineClockStallTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Dead after 300 ms of silence; a periodic send every 100 ms keeps the clock waking. */
    private static final class SilenceDetector {
        long now;
        long lastHeard;
        long nextSend = 100 * MS;
        boolean dead;
        long diedAt = -1;

        List<String> tick(long elapsed) {
            now += elapsed;
            while (nextSend <= now) {
                nextSend += 100 * MS;
            }
            if (!dead && now >= lastHeard + 300 * MS) {
                dead = true;
                diedAt = now;
            }
            return List.of();
        }

        long nanosUntilNextEvent() {
            long next = dead ? nextSend : Math.min(nextSend, lastHeard + 300 * MS);
            return Math.max(0, next - now);
        }

        void heard() {
            lastHeard = now;
        }
    }

    private final VirtualLoop loop = new VirtualLoop();
    private final long[] skew = {0};
    private final SilenceDetector engine = new SilenceDetector();

    private EngineClock<String> clock(long allowance) {
        EngineClock<String> clock = new EngineClock<>(loop, () -> loop.now() + skew[0], engine::tick,
                engine::nanosUntilNextEvent, effects -> { }, 0, allowance);
        clock.start();
        return clock;
    }

    /** A message read from the socket: catch up, hand it over, reschedule (what MlagRuntime does). */
    private void heard(EngineClock<String> clock) {
        clock.catchUp();
        engine.heard();
        clock.reschedule();
    }

    @Test
    void aStallOfTheLoopIsNotTakenForSilenceOfThePeer() {
        EngineClock<String> clock = clock(50 * MS);
        for (int i = 0; i < 10; i++) {
            loop.runFor(90 * MS);
            heard(clock);
        }
        assertThat(engine.dead).isFalse();

        // The loop is not scheduled for 700 ms; the peer's heartbeats wait in the socket and
        // are read the moment it runs again.
        loop.runFor(60 * MS);
        skew[0] += 700 * MS;
        heard(clock);

        assertThat(engine.dead).as("peer declared dead because this loop stalled").isFalse();
    }

    @Test
    void withoutAllowanceTheStallCountsAndThePeerIsDeclaredDead() {
        EngineClock<String> clock = clock(0);
        loop.runFor(90 * MS);
        heard(clock);
        loop.runFor(60 * MS);
        skew[0] += 700 * MS;
        heard(clock);

        assertThat(engine.dead).isTrue();
    }

    @Test
    void aPeerSilentAfterTheStallIsStillDeclaredDeadOnTime() {
        EngineClock<String> clock = clock(50 * MS);
        loop.runFor(90 * MS);
        heard(clock);
        loop.runFor(60 * MS);
        skew[0] += 700 * MS;
        loop.runFor(60 * MS); // the late wake-up runs; nothing arrives
        assertThat(engine.dead).isFalse();

        loop.runFor(300 * MS);
        assertThat(engine.dead).as("a dead interval of silence once the loop runs again").isTrue();
    }

    @Test
    void anOnTimeLoopCountsEveryNanosecond() {
        EngineClock<String> clock = clock(50 * MS);
        loop.runFor(90 * MS);
        heard(clock);
        loop.runFor(299 * MS);
        assertThat(engine.dead).isFalse();
        loop.runFor(2 * MS);
        assertThat(engine.dead).isTrue();
        assertThat(engine.diedAt).isEqualTo(390 * MS);
    }
}
