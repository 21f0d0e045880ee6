package io.twinlink.lacp;

import java.util.ArrayList;
import java.util.List;

/**
 * One bundle's Aggregation Ports and their Aggregators. The machines of a port read only its
 * own variables, its Aggregator's and those of the other ports on that Aggregator, and a port
 * may only select an Aggregator of its own bundle (same key, 6.4.14.1): so a bundle is a
 * closed world, and an event on one port only needs that bundle's machines run again. This
 * is what lets one engine carry a thousand ports without every LACPDU costing a pass over all
 * of them.
 */
final class BundlePorts {

    final BundleConfig config;
    final List<AggregationPort> ports = new ArrayList<>();
    final List<Aggregator> aggregators = new ArrayList<>();
    /** Something this bundle's machines read has changed since they last settled. */
    boolean dirty;

    BundlePorts(BundleConfig config) {
        this.config = config;
    }
}
