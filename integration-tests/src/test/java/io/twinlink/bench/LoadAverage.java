package io.twinlink.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The kernel's load averages (/proc/loadavg): other work on the machine shows in every figure. */
record LoadAverage(double one, double five, double fifteen) {

    static LoadAverage now() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new LoadAverage(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/loadavg", e);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f %.2f %.2f", one, five, fifteen);
    }

    /** The 1-minute load when something started and when it ended. */
    record Span(LoadAverage start, LoadAverage end) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f → %.1f", start.one, end.one);
        }
    }
}
