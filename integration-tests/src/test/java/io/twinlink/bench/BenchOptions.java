package io.twinlink.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How {@code bench/run} asked to run: quick (small sizes, one repetition, for bin/test) or
 * full, how many repetitions, which benchmarks, where the results go.
 *
 * @param quick       small sizes and short windows: proves the script works, not the figures
 * @param repetitions repetitions of each latency figure
 * @param only        benchmark names to run; empty for all
 * @param document    the Markdown file whose generated section is rewritten
 * @param jmhResults  JMH's JSON result file for the codec figures, when bench/run ran JMH
 * @param command     the command line, as the report quotes it
 * @param bondingVm   also measure against the Linux bonding guest (slow: a qemu boot per repetition)
 */
record BenchOptions(boolean quick, int repetitions, Set<String> only, Path document, Optional<Path> jmhResults,
                    String command, boolean bondingVm) {

    static final String USAGE = "usage: BenchmarkRun [--quick] [--repetitions N] [--only a,b] [--document FILE]"
            + " [--jmh-results FILE] [--bonding-vm] [--command TEXT]";

    boolean selected(String name) {
        return only.isEmpty() || only.contains(name);
    }

    static BenchOptions parse(String[] args) {
        boolean quick = false;
        Integer repetitions = null;
        Set<String> only = new LinkedHashSet<>();
        Path document = null;
        Path jmh = null;
        String command = System.getenv().getOrDefault("TWINLINK_BENCH_COMMAND", "bench/run");
        boolean vm = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> quick = true;
                case "--bonding-vm" -> vm = true;
                case "--repetitions" -> repetitions = positive(value(args, ++i, a), a);
                case "--only" -> only.addAll(List.of(value(args, ++i, a).split(",")));
                case "--document" -> document = Path.of(value(args, ++i, a));
                case "--jmh-results" -> jmh = Path.of(value(args, ++i, a));
                case "--command" -> command = value(args, ++i, a);
                default -> throw new IllegalArgumentException("unknown argument \"" + a + "\"; " + USAGE);
            }
        }
        if (document == null) {
            throw new IllegalArgumentException("--document is required; " + USAGE);
        }
        int reps = repetitions != null ? repetitions : quick ? 1 : 5;
        return new BenchOptions(quick, reps, only, document, Optional.ofNullable(jmh), command, vm);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value; " + USAGE);
        }
        return args[i];
    }

    private static int positive(String text, String option) {
        try {
            int n = Integer.parseInt(text);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a positive integer, got \"" + text + "\"");
        }
    }
}
