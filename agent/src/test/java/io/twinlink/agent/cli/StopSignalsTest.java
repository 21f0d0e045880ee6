package io.twinlink.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;

class StopSignalsTest {

    /**
     * A real SIGTERM to this JVM: with the handlers installed it is a stop request the agent
     * answers with a graceful close and exit 0; without them the JVM would exit 143 (and this
     * test run would die, which fails it too).
     */
    @Test
    void sigtermBecomesAStopRequestInsteadOfEndingTheJvm() throws InterruptedException {
        try (StopSignals signals = StopSignals.install()) {
            Signal.raise(new Signal("TERM"));
            assertThat(signals.await(Duration.ofSeconds(5))).isEqualTo("SIGTERM");
        }
    }

    @Test
    void sigintToo() throws InterruptedException {
        try (StopSignals signals = StopSignals.install()) {
            Signal.raise(new Signal("INT"));
            assertThat(signals.await(Duration.ofSeconds(5))).isEqualTo("SIGINT");
        }
    }

    @Test
    void noSignalNoStop() throws InterruptedException {
        try (StopSignals signals = StopSignals.install()) {
            assertThat(signals.await(Duration.ofMillis(50))).isNull();
        }
    }
}
