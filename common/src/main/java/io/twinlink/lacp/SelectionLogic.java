package io.twinlink.lacp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The Selection Logic [802.1AX-2020 6.4.14]: chooses an Aggregator for every UNSELECTED port
 * once its Mux has detached, keeps ports with one LAG ID together, gives individual links an
 * Aggregator of their own, puts ports beyond max-links in STANDBY (the system with the better
 * System ID decides which ports those are, 6.4.14.1 e)), and raises Ready_N when a port's
 * wait_while_timer runs out.
 */
final class SelectionLogic {

    private final LacpEngine engine;

    SelectionLogic(LacpEngine engine) {
        this.engine = engine;
    }

    /** One pass over the ports of one bundle (ports select only within their bundle). Returns whether anything changed. */
    boolean step(BundlePorts bundle) {
        boolean changed = false;
        for (AggregationPort p : bundle.ports) {
            if (p.waitWhileTimer.expired() && !p.readyN && p.muxMachine.state() == MuxMachine.State.WAITING) {
                p.readyN = true;
                changed = true;
            }
            if (p.selected == Selected.UNSELECTED && p.muxMachine.state() == MuxMachine.State.DETACHED) {
                changed |= reselect(p);
            }
        }
        for (Aggregator agg : bundle.aggregators) {
            changed |= applyMaxLinks(agg);
        }
        return changed;
    }

    private boolean reselect(AggregationPort p) {
        boolean changed = false;
        if (p.aggregator != null) {
            p.aggregator.release(p);
            p.aggregator = null;
            changed = true;
        }
        // A port that is down has no partner to aggregate with; it selects again when it comes up.
        if (p.begin || !p.portEnabled) {
            return changed;
        }
        Aggregator chosen = choose(p);
        chosen.take(p);
        p.aggregator = chosen;
        p.selected = Selected.SELECTED;
        engine.trace().event(p.name(), "selected aggregator " + chosen.id()
                + (chosen.individual ? " (individual)" : "") + " partner=" + p.partnerOper.systemPriority()
                + "," + p.partnerOper.system() + " key=" + p.partnerOper.key());
        return true;
    }

    private Aggregator choose(AggregationPort p) {
        List<Aggregator> candidates = engine.aggregatorsOf(p.bundle);
        for (Aggregator agg : candidates) {
            if (agg.accepts(p)) {
                return agg;
            }
        }
        Aggregator own = null;
        Aggregator lowestFree = null;
        for (Aggregator agg : candidates) {
            if (!agg.isFree()) {
                continue;
            }
            if (agg.id() == p.portNumber()) {
                own = agg;
            }
            if (lowestFree == null || agg.id() < lowestFree.id()) {
                lowestFree = agg;
            }
        }
        if (own != null) {
            return own;
        }
        if (lowestFree == null) {
            // Cannot happen: there are as many Aggregators as ports and this port is on none.
            throw new IllegalStateException("no free aggregator for port " + p.name());
        }
        return lowestFree;
    }

    /**
     * STANDBY beyond max-links [6.4.14.1 e), 6.7.1]: rank the ports by the port priorities of
     * whichever system has the better System ID, so that both ends pick the same links.
     */
    private boolean applyMaxLinks(Aggregator agg) {
        int maxLinks = agg.bundle.maxLinks();
        if (agg.ports.size() <= maxLinks) {
            return selectAll(agg);
        }
        List<AggregationPort> contenders = new ArrayList<>();
        for (AggregationPort p : agg.ports) {
            if (p.selected != Selected.UNSELECTED) {
                contenders.add(p);
            }
        }
        if (contenders.isEmpty()) {
            return false;
        }
        contenders.sort(rankingFor(agg));
        boolean changed = false;
        for (int i = 0; i < contenders.size(); i++) {
            AggregationPort p = contenders.get(i);
            Selected want = i < maxLinks ? Selected.SELECTED : Selected.STANDBY;
            if (p.selected != want) {
                engine.trace().event(p.name(), "selection " + p.selected + " -> " + want
                        + " (max-links " + maxLinks + ")");
                p.selected = want;
                changed = true;
            }
        }
        return changed;
    }

    /** Room for every port (the usual case, no max-links): no ranking needed, none stays in STANDBY. */
    private boolean selectAll(Aggregator agg) {
        boolean changed = false;
        for (AggregationPort p : agg.ports) {
            if (p.selected == Selected.STANDBY) {
                engine.trace().event(p.name(), "selection " + p.selected + " -> " + Selected.SELECTED
                        + " (max-links " + agg.bundle.maxLinks() + ")");
                p.selected = Selected.SELECTED;
                changed = true;
            }
        }
        return changed;
    }

    /** Ports whose link is down rank last: a dead link must not keep a standby link idle. */
    private Comparator<AggregationPort> rankingFor(Aggregator agg) {
        return Comparator.<AggregationPort, Boolean>comparing(p -> !p.portEnabled).thenComparing(priorityOrder(agg));
    }

    private Comparator<AggregationPort> priorityOrder(Aggregator agg) {
        LacpSystem actor = engine.system();
        int byPriority = Integer.compare(agg.partnerSystemPriority, actor.priority());
        boolean partnerBetter = byPriority < 0 || (byPriority == 0 && agg.partnerSystem.compareTo(actor.mac()) < 0);
        boolean partnerDecides = !agg.partnerSystem.isZero() && partnerBetter;
        if (partnerDecides) {
            return Comparator.<AggregationPort>comparingInt(p -> p.partnerOper.portPriority())
                    .thenComparingInt(p -> p.partnerOper.port());
        }
        return Comparator.<AggregationPort>comparingInt(AggregationPort::portPriority)
                .thenComparingInt(AggregationPort::portNumber);
    }
}
