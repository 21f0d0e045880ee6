package io.twinlink.agent.daemon;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MC-LAG split horizon (DESIGN.md "MC-LAG pair"): a frame that came over the peer-link is not
 * sent out of a bundle that is up on both peers, because the peer already delivered it on its
 * own half of that bundle and the server would see it twice. An nftables bridge-family table
 * ({@code twinlink_mlag}) holds a set of such bundle interfaces, updated as bundles come and
 * go; a bundle up on this node only (its peer half down) is left out of the set, so traffic
 * crossing the peer-link still reaches it.
 */
final class SplitHorizon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SplitHorizon.class);
    static final String TABLE = "twinlink_mlag";

    private final String peerLinkPort;
    private final Set<String> dualHomed = new TreeSet<>();
    private boolean installed;

    private SplitHorizon(String peerLinkPort) {
        this.peerLinkPort = peerLinkPort;
    }

    static SplitHorizon install(String peerLinkPort) throws IOException {
        SplitHorizon s = new SplitHorizon(peerLinkPort);
        if (io.twinlink.agent.dataplane.Nftables.removeLeftoverTable("bridge", TABLE)) {
            LOG.info("nftables table bridge {} left by an earlier twinlink run that did not stop cleanly: replaced", TABLE);
        }
        nft("add table bridge " + TABLE + " { " + io.twinlink.agent.dataplane.Nftables.tableMark() + " }\n"
                + "add set bridge " + TABLE + " dual_homed { type ifname; }\n"
                + "add chain bridge " + TABLE + " forward { type filter hook forward priority 0; policy accept; }\n"
                + "add rule bridge " + TABLE + " forward iifname \"" + peerLinkPort + "\" oifname @dual_homed drop\n");
        s.installed = true;
        return s;
    }

    /** The bundle interface {@code name} is (or stops being) up on both peers. */
    void setDualHomed(String name, boolean both) {
        boolean changed = both ? dualHomed.add(name) : dualHomed.remove(name);
        if (!changed || !installed) {
            return;
        }
        try {
            nft((both ? "add" : "delete") + " element bridge " + TABLE + " dual_homed { \"" + name + "\" }\n");
            LOG.info("split horizon: frames from {} {} {}", peerLinkPort, both ? "no longer go out of" : "may go out of",
                    name);
        } catch (IOException e) {
            LOG.warn("split horizon for {} not updated: {}", name, e.getMessage());
        }
    }

    Set<String> dualHomed() {
        return Set.copyOf(dualHomed);
    }

    @Override
    public void close() {
        if (installed) {
            try {
                nft("delete table bridge " + TABLE + "\n");
            } catch (IOException e) {
                LOG.warn("nftables table {} not removed: {}", TABLE, e.getMessage());
            }
            installed = false;
        }
    }

    private static void nft(String script) throws IOException {
        io.twinlink.agent.dataplane.Nftables.run(script);
    }
}
