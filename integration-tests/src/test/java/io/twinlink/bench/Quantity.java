package io.twinlink.bench;

import java.util.Locale;

/** What a figure measures, in which unit it is shown, and which way is worse. */
enum Quantity {
    SECONDS("s", true, 3),
    MILLIS("ms", true, 1),
    PERCENT_OF_CORE("% of a core", true, 2),
    MEGABYTES("MB", true, 1),
    PDUS_PER_SECOND("PDUs/s", false, 0);

    private final String unit;
    private final boolean higherIsWorse;
    private final int decimals;

    Quantity(String unit, boolean higherIsWorse, int decimals) {
        this.unit = unit;
        this.higherIsWorse = higherIsWorse;
        this.decimals = decimals;
    }

    String unit() {
        return unit;
    }

    boolean higherIsWorse() {
        return higherIsWorse;
    }

    /** The number alone, with this quantity's precision (thousands grouped for large ones). */
    String number(double value) {
        if (this == PDUS_PER_SECOND) {
            return String.format(Locale.ROOT, "%,.0f", value).replace(',', ' ');
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    String format(double value) {
        return number(value) + " " + unit;
    }
}
