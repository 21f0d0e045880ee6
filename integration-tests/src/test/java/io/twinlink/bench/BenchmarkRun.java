package io.twinlink.bench;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code bench/run}'s Java side: runs the selected benchmarks one after the other, each
 * cleaning up after itself (the harness's {@code TestRun} removes whatever a crash left),
 * then rewrites the generated section of the Markdown document and prints it.
 *
 * <p>Exit codes: 0 every measurement produced figures (whether or not they meet their
 * targets: that is the table's business), 1 a measurement failed, 2 bad arguments.
 */
public final class BenchmarkRun {

    private BenchmarkRun() {
    }

    static List<Benchmark> all() {
        return List.of(new LacpBringUp(), new MemberFailover(), new PartnerTimeout(), new MlagPeerDeath(),
                new RstpRing(), new Scale(), new Codec());
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
            Set<String> known = all().stream().map(Benchmark::name).collect(Collectors.toSet());
            for (String name : options.only()) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("no benchmark \"" + name + "\"; known: " + String.join(", ", known));
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        ZonedDateTime started = ZonedDateTime.now();
        LoadAverage startLoad = LoadAverage.now();
        Machine machine = Machine.describe();
        List<FigureRow> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Benchmark b : all()) {
            if (!options.selected(b.name())) {
                continue;
            }
            LoadAverage before = LoadAverage.now();
            log("%s: start (load %s)", b.name(), before);
            long t0 = System.nanoTime();
            try {
                List<FigureRow> got = b.run(options);
                LoadAverage.Span span = new LoadAverage.Span(before, LoadAverage.now());
                got.forEach(r -> rows.add(r.withLoad(span)));
                log("%s: done in %.0f s", b.name(), (System.nanoTime() - t0) / 1e9);
            } catch (Exception | AssertionError e) {
                String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                failures.add(b.name() + ": " + reason);
                log("%s: FAILED: %s", b.name(), reason);
                e.printStackTrace(System.err);
            }
        }
        LoadAverage.Span load = new LoadAverage.Span(startLoad, LoadAverage.now());
        String section = new BenchmarkReport(options, machine, started, load, rows, failures).markdown();
        try {
            BenchmarksDocument.write(options.document(), section);
        } catch (Exception e) {
            System.err.println("bench: cannot write " + options.document() + ": " + e.getMessage());
            System.exit(1);
        }
        System.out.println(section);
        log("wrote %s", options.document());
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    static void log(String format, Object... args) {
        System.out.printf("bench: " + format + "%n", args);
        System.out.flush();
    }
}
