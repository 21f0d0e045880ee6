package io.twinlink.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StallWatchdogTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void countsOnlyWakeUpsLaterThanTheThreshold() {
        VirtualLoop loop = new VirtualLoop();
        long[] skew = {0};
        StallWatchdog dog = new StallWatchdog(loop, () -> loop.now() + skew[0], 100 * MS, 500 * MS);
        dog.start();
        loop.runFor(1_000 * MS);
        assertThat(dog.stalls()).isZero();

        skew[0] = 700 * MS; // the loop was blocked for 700 ms before the next check ran
        loop.runFor(100 * MS);
        assertThat(dog.stalls()).isEqualTo(1);
        assertThat(dog.worstLatenessNanos()).isEqualTo(700 * MS);

        loop.runFor(1_000 * MS);
        assertThat(dog.stalls()).isEqualTo(1);
    }
}
