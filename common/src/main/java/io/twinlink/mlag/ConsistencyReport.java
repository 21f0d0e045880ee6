package io.twinlink.mlag;

import java.util.List;
import java.util.stream.Collectors;

/** The outcome of {@link ConsistencyCheck}: every row, and what failed for the pair or for one bundle. */
public record ConsistencyReport(List<ConsistencyRow> rows) {

    public static final ConsistencyReport NONE = new ConsistencyReport(List.of());

    public ConsistencyReport {
        rows = List.copyOf(rows);
    }

    /** Why the whole pair is inconsistent, or {@code null} when it is not. */
    public String globalProblem() {
        return join(rows.stream().filter(r -> !r.ok() && r.mlagId().isEmpty()).toList());
    }

    /** Why this bundle is inconsistent (its own rows only), or {@code null} when it is not. */
    public String bundleProblem(int mlagId) {
        return join(rows.stream()
                .filter(r -> !r.ok() && r.mlagId().isPresent() && r.mlagId().getAsInt() == mlagId).toList());
    }

    public boolean allOk() {
        return rows.stream().allMatch(ConsistencyRow::ok);
    }

    private static String join(List<ConsistencyRow> failed) {
        return failed.isEmpty() ? null
                : "inconsistent " + failed.stream().map(ConsistencyRow::describe).collect(Collectors.joining("; "));
    }
}
