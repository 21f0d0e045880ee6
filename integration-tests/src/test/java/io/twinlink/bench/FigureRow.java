package io.twinlink.bench;

import java.util.List;

/**
 * One line of the table: a figure for twinlink beside the same figure for a real peer
 * measured in the same run, and the target it is held to.
 *
 * @param figure   the figure's name in DESIGN.md's table (e.g. "LACP bring-up")
 * @param setup    what exactly ran on twinlink's side
 * @param twinlink twinlink's samples
 * @param peerName the peer measured alongside, or "—" when there is none
 * @param peer     the peer's samples, {@code null} when there is no comparable peer
 * @param target   DESIGN.md's target
 * @param load     load average (1 min) when the figure's benchmark started and ended
 * @param notes    what a reader needs to read the numbers (method, caveats)
 */
record FigureRow(String figure, String setup, Samples twinlink, String peerName, Samples peer, Target target,
                 LoadAverage.Span load, List<String> notes) {

    FigureRow {
        notes = List.copyOf(notes);
    }

    Verdict verdict() {
        return twinlink.isEmpty() ? Verdict.NONE : target.judge(twinlink, peer);
    }

    /** twinlink's median over the peer's (below 1 is better for times, above 1 for rates); empty without a peer. */
    String ratio() {
        if (peer == null || peer.isEmpty() || twinlink.isEmpty() || peer.median() == 0) {
            return "—";
        }
        return String.format(java.util.Locale.ROOT, "%.2f", twinlink.median() / peer.median());
    }

    FigureRow withLoad(LoadAverage.Span span) {
        return new FigureRow(figure, setup, twinlink, peerName, peer, target, span, notes);
    }
}
