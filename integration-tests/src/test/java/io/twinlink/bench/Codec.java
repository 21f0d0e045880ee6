package io.twinlink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The codec figures come from JMH (common's CodecBenchmark, run by bench/run through the
 * {@code bench} profile of common with {@code -rf json}); this reads its result file. The
 * samples are the measured iterations, in operations (PDUs) per second on one thread.
 */
final class Codec implements Benchmark {

    private static final String PREFIX = "io.twinlink.wire.bench.CodecBenchmark.";
    private static final Map<String, String> SHOWN = Map.of(
            "lacpduFrameDecode", "LACPDU frame decode (`FrameDecoder.decode`, 124 octets)",
            "rstBpduFrameDecode", "RST BPDU frame decode",
            "lacpduFrameEncode", "LACPDU frame encode");

    @Override
    public String name() {
        return "codec";
    }

    @Override
    public List<FigureRow> run(BenchOptions options) throws IOException {
        Path file = options.jmhResults().orElseThrow(() -> new IllegalStateException(
                "no JMH results (--jmh-results): bench/run runs JMH first"));
        JsonNode results = new ObjectMapper().readTree(file.toFile());
        List<FigureRow> rows = new ArrayList<>();
        boolean first = true;
        for (String name : List.of("lacpduFrameDecode", "rstBpduFrameDecode", "lacpduFrameEncode")) {
            Samples s = new Samples(Quantity.PDUS_PER_SECOND);
            for (JsonNode r : results) {
                if (r.path("benchmark").asText().equals(PREFIX + name)) {
                    for (JsonNode fork : r.path("primaryMetric").path("rawData")) {
                        fork.forEach(v -> s.add(v.asDouble()));
                    }
                }
            }
            if (s.isEmpty()) {
                continue;
            }
            rows.add(new FigureRow("codec", SHOWN.get(name), s, "—", null,
                    Target.atLeast(1_000_000, Quantity.PDUS_PER_SECOND), null, first ? List.of(
                    "JMH 1.37, one thread, one fork; median and lowest of the measured iterations. No peer: OVS and"
                            + " the kernel decode LACPDUs in C inside their own loops, with nothing to time alone.")
                    : List.of()));
            first = false;
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("no CodecBenchmark results in " + file);
        }
        return rows;
    }
}
