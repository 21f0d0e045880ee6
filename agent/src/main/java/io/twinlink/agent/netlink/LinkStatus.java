package io.twinlink.agent.netlink;

import io.twinlink.wire.MacAddress;

/**
 * An interface as the agent needs it for LACP keys and STP path costs: the kernel's link state
 * plus what the driver says about speed and duplex.
 *
 * @param speedMbps Mb/s, -1 when unknown (veth reports 10000)
 */
public record LinkStatus(LinkState link, int speedMbps, Duplex duplex) {

    public int ifindex() {
        return link.ifindex();
    }

    public String name() {
        return link.name();
    }

    public MacAddress mac() {
        return link.mac();
    }

    public boolean adminUp() {
        return link.adminUp();
    }

    public boolean carrier() {
        return link.carrier();
    }

    /** Administratively up with carrier: the port may be enabled [802.1AX 6.3.5]. */
    public boolean up() {
        return link.up();
    }
}
