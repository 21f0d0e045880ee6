package io.twinlink.agent.dataplane;

import io.twinlink.agent.netlink.BridgePortRequests;
import io.twinlink.agent.netlink.NetlinkException;
import io.twinlink.agent.netlink.RouteNetlink;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spanning tree on a Linux bridge that runs none of its own ({@code stp_state 0}), as
 * DESIGN.md "Data planes" describes. With kernel STP off the bridge honours only two port
 * states set over rtnetlink, disabled and forwarding (br_port_state_selection() recomputes the
 * rest), so discarding and learning both map to disabled: a learning port does not learn
 * addresses, which costs at most one flood after it starts forwarding. BPDUs must not be
 * flooded by a bridge without STP, so an nftables bridge-family rule drops 01:80:c2:00:00:00
 * in forward; the agent still sees them through pcap on each port.
 */
public final class LinuxBridgeDataplane implements BridgeDataplane {

    private static final Logger LOG = LoggerFactory.getLogger(LinuxBridgeDataplane.class);

    private final String bridge;
    private final RouteNetlink netlink;
    private final Set<String> ports = new LinkedHashSet<>();
    private final String nftTable;
    private boolean filterInstalled;

    private LinuxBridgeDataplane(String bridge, RouteNetlink netlink) {
        this.bridge = bridge;
        this.netlink = netlink;
        this.nftTable = Nftables.TABLE_PREFIX + bridge.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** Takes over {@code ports} of {@code bridge}: all discarding, BPDUs no longer flooded. */
    public static LinuxBridgeDataplane open(String bridge, List<String> ports) throws DataplaneException {
        RouteNetlink netlink;
        try {
            netlink = RouteNetlink.open();
        } catch (NetlinkException e) {
            throw new DataplaneException("rtnetlink: " + e.getMessage());
        }
        LinuxBridgeDataplane dp = new LinuxBridgeDataplane(bridge, netlink);
        try {
            dp.installBpduFilter(ports);
            for (String p : ports) {
                dp.ports.add(p);
                dp.setPortState(p, PortState.DISCARDING);
            }
            return dp;
        } catch (DataplaneException e) {
            dp.close();
            throw e;
        }
    }

    @Override
    public void setPortState(String port, PortState state) throws DataplaneException {
        int brState = state == PortState.FORWARDING ? BridgePortRequests.BR_STATE_FORWARDING
                : BridgePortRequests.BR_STATE_DISABLED;
        try {
            int ifindex = netlink.ifindex(port);
            netlink.execute(s -> BridgePortRequests.setState(ifindex, brState, s),
                    "set bridge port " + port + " " + state.name().toLowerCase());
        } catch (NetlinkException e) {
            // ENETDOWN: a port that is down, or has no carrier, is disabled by the kernel whatever
            // we ask, and the agent applies its state again when the link comes up (StpRuntime).
            if (e.getMessage() == null || !e.getMessage().contains("down")) {
                throw new DataplaneException(e.getMessage());
            }
            LOG.debug("port={} {} once its link is up: {}", port, state.name().toLowerCase(), e.getMessage());
        }
    }

    @Override
    public void flushFdb(String port) throws DataplaneException {
        try {
            int ifindex = netlink.ifindex(port);
            netlink.execute(s -> BridgePortRequests.flushFdb(ifindex, s), "flush fdb of " + port);
        } catch (NetlinkException e) {
            throw new DataplaneException(e.getMessage());
        }
    }

    /** Matches the ports by name ({@code meta ibrname} is not supported in forward on every kernel). */
    private void installBpduFilter(List<String> bridgePorts) throws DataplaneException {
        String names = String.join(", ", bridgePorts.stream().map(p -> "\"" + p + "\"").toList());
        try {
            if (Nftables.removeLeftoverTable("bridge", nftTable)) {
                LOG.info("nftables table bridge {} left by an earlier twinlink run that did not stop cleanly: replaced",
                        nftTable);
            }
        } catch (IOException e) {
            throw new DataplaneException(e.getMessage());
        }
        nft("add table bridge " + nftTable + " { " + Nftables.tableMark() + " }\n"
                + "add chain bridge " + nftTable + " forward { type filter hook forward priority 0; policy accept; }\n"
                + "add rule bridge " + nftTable + " forward iifname { " + names
                + " } ether daddr 01:80:c2:00:00:00 drop\n");
        filterInstalled = true;
    }

    private void nft(String script) throws DataplaneException {
        try {
            Nftables.run(script);
        } catch (IOException e) {
            throw new DataplaneException(e.getMessage());
        }
    }

    @Override
    public void close() {
        for (String p : ports) {
            try {
                setPortState(p, PortState.DISCARDING);
            } catch (DataplaneException e) {
                LOG.debug("port={} left as is: {}", p, e.getMessage());
            }
        }
        if (filterInstalled) {
            try {
                nft("delete table bridge " + nftTable + "\n");
            } catch (DataplaneException e) {
                LOG.warn("BPDU filter table {} not removed: {}", nftTable, e.getMessage());
            }
            filterInstalled = false;
        }
        netlink.close();
    }
}
