package io.twinlink.bench;

/** How a figure stands against its target. */
enum Verdict {
    /** Every repetition within the target. */
    MET("met"),
    /** The median within the target, the worst repetition not. */
    MEDIAN_ONLY("median only"),
    MISSED("**missed**"),
    /** Nothing to judge: the measurement failed or has no target. */
    NONE("—");

    private final String text;

    Verdict(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    /** The weaker of two verdicts (a compound target is as good as its weakest part). */
    Verdict and(Verdict other) {
        return ordinal() >= other.ordinal() ? this : other;
    }
}
