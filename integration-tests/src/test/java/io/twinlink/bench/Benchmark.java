package io.twinlink.bench;

import java.util.List;

/** One group of figures: sets up twinlink and its peers, measures, cleans up everything it made. */
interface Benchmark {

    /** Short name for --only and the log, e.g. "bring-up". */
    String name();

    List<FigureRow> run(BenchOptions options) throws Exception;
}
