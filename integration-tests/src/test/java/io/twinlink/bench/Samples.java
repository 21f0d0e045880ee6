package io.twinlink.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The repeated measurements of one figure, in the unit of its {@link Quantity}. */
final class Samples {

    private final Quantity quantity;
    private final List<Double> values = new ArrayList<>();

    Samples(Quantity quantity) {
        this.quantity = quantity;
    }

    static Samples of(Quantity quantity, double... values) {
        Samples s = new Samples(quantity);
        for (double v : values) {
            s.add(v);
        }
        return s;
    }

    void add(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a measurement: " + value);
        }
        values.add(value);
    }

    void addAll(Samples other) {
        values.addAll(other.values);
    }

    Quantity quantity() {
        return quantity;
    }

    int count() {
        return values.size();
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    List<Double> values() {
        return Collections.unmodifiableList(values);
    }

    double median() {
        List<Double> sorted = sorted();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The slowest (or, for a rate, the lowest) of the repetitions. */
    double worst() {
        List<Double> sorted = sorted();
        return quantity.higherIsWorse() ? sorted.get(sorted.size() - 1) : sorted.get(0);
    }

    private List<Double> sorted() {
        if (values.isEmpty()) {
            throw new IllegalStateException("no samples");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }

    @Override
    public String toString() {
        return values + " " + quantity.unit();
    }
}
