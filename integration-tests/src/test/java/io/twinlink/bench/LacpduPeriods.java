package io.twinlink.bench;

import io.twinlink.it.harness.Tshark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Periodic LACPDU timing from a capture: for every sender port (actor system and port), the
 * intervals between its consecutive LACPDUs, as deviations from the fast periodic time
 * [802.1AX-2020 6.4.13, 1 s], in milliseconds.
 */
final class LacpduPeriods {

    private static final double PERIOD_SECONDS = 1.0;

    private LacpduPeriods() {
    }

    /** |interval - 1 s| in ms for every consecutive pair of LACPDUs from one port of {@code actorSystem}. */
    static List<Double> deviationsMillis(Path pcap, String actorSystem) {
        Map<String, List<BigDecimal>> byPort = new HashMap<>();
        for (List<String> row : Tshark.fields(pcap, "lacp", "frame.time_epoch", "lacp.actor.sysid", "lacp.actor.port")) {
            if (row.get(1).equalsIgnoreCase(actorSystem)) {
                byPort.computeIfAbsent(row.get(2), k -> new ArrayList<>()).add(new BigDecimal(row.get(0)));
            }
        }
        List<Double> out = new ArrayList<>();
        for (List<BigDecimal> times : byPort.values()) {
            Collections.sort(times);
            for (int i = 1; i < times.size(); i++) {
                double interval = times.get(i).subtract(times.get(i - 1)).doubleValue();
                out.add(Math.abs(interval - PERIOD_SECONDS) * 1000);
            }
        }
        return out;
    }

    /** The {@code p}-th percentile (0..100), nearest rank. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no intervals to take a percentile of");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
