package io.twinlink.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;

/**
 * Timings measured against real peers, printed as {@code FIGURE name seconds} and appended
 * to figures.tsv in the run's work directory, where the benchmark script picks them up as
 * reference figures beside twinlink's own.
 */
public final class Figures {

    private Figures() {
    }

    public static void record(String name, Duration value) {
        String seconds = String.format(Locale.ROOT, "%.3f", value.toNanos() / 1e9);
        System.out.println("FIGURE " + name + " " + seconds + " s");
        Path file = TestRun.current().workDir().resolve("figures.tsv");
        try {
            Files.writeString(file, name + "\t" + seconds + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
