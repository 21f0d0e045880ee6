package io.twinlink.lacp;

import io.twinlink.wire.MacAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An Aggregator [802.1AX-2020 6.4.6]. As in most implementations (and as 6.4.14.1 suggests),
 * every port brings one Aggregator with the same identifier; ports that share a Link
 * Aggregation Group ID gather on one of them. The Aggregator remembers the LAG ID of the
 * ports on it (actor key, partner system, partner key), set when its first port selects it
 * and cleared when its last port leaves.
 */
public final class Aggregator {

    private final int id;
    final BundleConfig bundle;
    final List<AggregationPort> ports = new ArrayList<>();

    // The LAG ID of the ports on this Aggregator [6.3.6]; meaningful only while ports is not empty.
    int actorOperKey;
    int partnerSystemPriority;
    MacAddress partnerSystem = MacAddress.ZERO;
    int partnerOperKey;
    boolean individual;
    long speedMbps;

    Aggregator(int id, BundleConfig bundle) {
        this.id = id;
        this.bundle = bundle;
    }

    boolean isFree() {
        return ports.isEmpty();
    }

    void take(AggregationPort p) {
        if (ports.isEmpty()) {
            actorOperKey = p.actorOperPortKey;
            partnerSystemPriority = p.partnerOper.systemPriority();
            partnerSystem = p.partnerOper.system();
            partnerOperKey = p.partnerOper.key();
            individual = p.isIndividual();
            speedMbps = p.speedMbps;
        }
        ports.add(p);
    }

    void release(AggregationPort p) {
        ports.remove(p);
    }

    /** Whether a non-individual port with this LAG ID may join the ports already here [6.4.14.1]. */
    boolean accepts(AggregationPort p) {
        return !ports.isEmpty() && !individual && !p.isIndividual()
                && actorOperKey == p.actorOperPortKey
                && partnerSystemPriority == p.partnerOper.systemPriority()
                && partnerSystem.equals(p.partnerOper.system())
                && partnerOperKey == p.partnerOper.key()
                && speedMbps == p.speedMbps;
    }

    /**
     * Ready [6.4.8]: every port that has selected this Aggregator and is waiting to attach or
     * attached has seen its wait_while_timer run out, so the LAG forms all at once rather than
     * one link at a time.
     */
    boolean ready() {
        for (AggregationPort p : ports) {
            if (p.selected != Selected.UNSELECTED && !p.readyN) {
                return false;
            }
        }
        return !ports.isEmpty();
    }

    /** Ports whose Mux has enabled collecting (and distributing). */
    int forwardingPorts() {
        int n = 0;
        for (AggregationPort p : ports) {
            if (p.muxMachine.state() != null && p.muxMachine.state().distributing()) {
                n++;
            }
        }
        return n;
    }

    public int id() { return id; }
    public String bundleName() { return bundle.name(); }
    public int actorOperKey() { return actorOperKey; }
    public int partnerSystemPriority() { return partnerSystemPriority; }
    public MacAddress partnerSystem() { return partnerSystem; }
    public int partnerOperKey() { return partnerOperKey; }
    public boolean individual() { return individual; }
    public List<AggregationPort> ports() { return Collections.unmodifiableList(ports); }
}
