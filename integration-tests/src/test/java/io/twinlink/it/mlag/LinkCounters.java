package io.twinlink.it.mlag;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinlink.it.harness.Netns;

/** Packet counters of one interface as the kernel keeps them ({@code ip -s -j link show}). */
record LinkCounters(long rxPackets, long txPackets) {

    static LinkCounters of(Netns netns, String link) {
        JsonNode array = netns.ipJson("-s", "link", "show", "dev", link);
        JsonNode stats = array.path(0).path("stats64");
        if (stats.isMissingNode()) {
            throw new IllegalStateException("no counters for " + link + " in " + netns.name() + ": " + array);
        }
        return new LinkCounters(stats.path("rx").path("packets").asLong(), stats.path("tx").path("packets").asLong());
    }

    LinkCounters minus(LinkCounters earlier) {
        return new LinkCounters(rxPackets - earlier.rxPackets, txPackets - earlier.txPackets);
    }
}
