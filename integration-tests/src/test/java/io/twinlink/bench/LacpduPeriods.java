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
 * Periodic LACPDU timing from a capture, per sender port (actor system and port), against the
 * fast periodic time [802.1AX-2020 6.4.13, 1 s].
 *
 * <p>Not every LACPDU is a periodic one: a change of either side's state sets NTT and sends
 * one at once [6.4.16], without moving the periodic timer. Taking every interval would count
 * such an extra LACPDU as a period 0.95 s early. So, per port, the periodic LACPDU after one
 * at time t is the one closest to t + 1 s within [t + 0.5 s, t + 1.5 s]; the others in
 * between are extras; none in that window is a missed period (the next one is then expected
 * 1 s after the missed slot).
 */
final class LacpduPeriods {

    private static final double PERIOD = 1.0;
    private static final double WINDOW = 0.5;

    /** Deviations of the periodic LACPDUs from their slot, in ms; extra and missed ones counted apart. */
    record Timing(List<Double> deviationsMillis, int extras, int missed) {
    }

    private LacpduPeriods() {
    }

    static Timing of(Path pcap, String actorSystem) {
        Map<String, List<Double>> byPort = new HashMap<>();
        for (List<String> row : Tshark.fields(pcap, "lacp", "frame.time_epoch", "lacp.actor.sysid", "lacp.actor.port")) {
            if (row.get(1).equalsIgnoreCase(actorSystem)) {
                // epoch seconds as a double: about 0.2 µs of precision, far below what is measured
                byPort.computeIfAbsent(row.get(2), k -> new ArrayList<>()).add(new BigDecimal(row.get(0)).doubleValue());
            }
        }
        return of(byPort);
    }

    /** From each port's LACPDU send times, in seconds. */
    static Timing of(Map<String, List<Double>> byPort) {
        List<Double> deviations = new ArrayList<>();
        int extras = 0;
        int missed = 0;
        for (List<Double> sent : byPort.values()) {
            List<Double> times = new ArrayList<>(sent);
            Collections.sort(times);
            double last = times.get(0);
            int next = 1;
            while (next < times.size()) {
                double slot = last + PERIOD;
                int best = -1;
                int scan = next;
                for (; scan < times.size() && times.get(scan) <= slot + WINDOW; scan++) {
                    if (times.get(scan) >= slot - WINDOW
                            && (best < 0 || Math.abs(times.get(scan) - slot) < Math.abs(times.get(best) - slot))) {
                        best = scan;
                    }
                }
                if (best < 0) {
                    if (scan >= times.size()) {
                        break; // the capture ended before this slot's window did
                    }
                    missed++;
                    last = slot;
                    continue;
                }
                extras += best - next;
                deviations.add(Math.abs(times.get(best) - slot) * 1000);
                last = times.get(best);
                next = best + 1;
            }
        }
        return new Timing(deviations, extras, missed);
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
