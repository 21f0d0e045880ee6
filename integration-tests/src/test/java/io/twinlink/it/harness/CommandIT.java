package io.twinlink.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandIT {

    @Test
    void failureNamesTheCommandAndItsStderr() {
        assertThatThrownBy(() -> Command.of("sh", "-c", "echo out; echo 'no such thing' >&2; exit 3").check())
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("`sh -c 'echo out; echo '\\''no such thing'\\'' >&2; exit 3'` exited 3")
                .hasMessageContaining("stderr: no such thing")
                .satisfies(e -> assertThat(((CommandFailedException) e).result().stdout()).isEqualTo("out\n"));
    }

    @Test
    void runReturnsOutputAndExitCodeWithoutThrowing() {
        CommandResult result = Command.of("sh", "-c", "cat; echo \"$GREETING\" >&2; exit 1")
                .input("from stdin").env("GREETING", "hello").run();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).isEqualTo("from stdin");
        assertThat(result.stderr()).isEqualTo("hello\n");
    }

    @Test
    void timeoutKillsTheCommandAndSaysSo() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> Command.of("sleep", "30").timeout(Duration.ofMillis(300)).run())
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("`sleep 30` did not finish within PT0.3S");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void missingProgramIsAClearFailure() {
        assertThatThrownBy(() -> Command.of("/nonexistent/tool", "x").run())
                .isInstanceOf(CommandFailedException.class)
                .hasMessageStartingWith("cannot run `/nonexistent/tool x`");
    }
}
