package io.twinlink.bench;

import java.util.List;
import java.util.stream.Collectors;

/** A target from DESIGN.md's table, checked against twinlink's samples (and the peer's where it is relative). */
interface Target {

    String text();

    Verdict judge(Samples twinlink, Samples peer);

    /** Every repetition at most {@code limit} (in the samples' unit). */
    static Target atMost(double limit, Quantity quantity) {
        return new Bound("≤ " + quantity.format(limit), v -> v <= limit);
    }

    /** Every repetition at least {@code limit}. */
    static Target atLeast(double limit, Quantity quantity) {
        return new Bound("≥ " + quantity.format(limit), v -> v >= limit);
    }

    /** Every repetition within {@code center ± tolerance}. */
    static Target within(double center, double tolerance, Quantity quantity) {
        return new Bound(quantity.number(center) + " ± " + quantity.format(tolerance),
                v -> Math.abs(v - center) <= tolerance);
    }

    /** twinlink's median no worse than the peer's median. */
    static Target notWorseThanPeer(String peerName) {
        return new Target() {
            @Override
            public String text() {
                return "not slower than " + peerName;
            }

            @Override
            public Verdict judge(Samples twinlink, Samples peer) {
                if (peer == null || peer.isEmpty() || twinlink.isEmpty()) {
                    return Verdict.NONE;
                }
                boolean better = twinlink.quantity().higherIsWorse()
                        ? twinlink.median() <= peer.median() : twinlink.median() >= peer.median();
                return better ? Verdict.MET : Verdict.MISSED;
            }
        };
    }

    static Target allOf(Target... parts) {
        List<Target> all = List.of(parts);
        return new Target() {
            @Override
            public String text() {
                return all.stream().map(Target::text).collect(Collectors.joining(", "));
            }

            @Override
            public Verdict judge(Samples twinlink, Samples peer) {
                Verdict v = Verdict.MET;
                for (Target t : all) {
                    v = v.and(t.judge(twinlink, peer));
                }
                return v;
            }
        };
    }

    /** A limit every sample must keep; the median decides between MEDIAN_ONLY and MISSED. */
    record Bound(String text, java.util.function.DoublePredicate ok) implements Target {
        @Override
        public Verdict judge(Samples twinlink, Samples peer) {
            if (twinlink.isEmpty()) {
                return Verdict.NONE;
            }
            if (twinlink.values().stream().allMatch(ok::test)) {
                return Verdict.MET;
            }
            return ok.test(twinlink.median()) ? Verdict.MEDIAN_ONLY : Verdict.MISSED;
        }
    }
}
