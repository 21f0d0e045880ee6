package io.twinlink.agent.daemon;

import io.twinlink.agent.config.AgentConfig;
import io.twinlink.agent.config.BundleConfig;
import io.twinlink.agent.config.LacpRate;
import io.twinlink.agent.config.MlagConfig;
import io.twinlink.agent.config.StpMode;
import io.twinlink.mlag.BundleProfile;
import io.twinlink.mlag.Hello;
import io.twinlink.mlag.NodeId;
import io.twinlink.mlag.PairTimers;
import io.twinlink.mlag.PortNumbering;
import io.twinlink.mlag.SpanningTreeMode;
import io.twinlink.wire.MacAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The MC-LAG half of the configuration as the pair logic needs it: this node's Hello (what
 * the peer must agree with), the timers, and which half of the port-number space this node
 * uses so that the pair never advertises the same port number twice (DESIGN.md "MC-LAG pair").
 */
public final class MlagSetup {

    /** The node whose peer-link address sorts higher numbers its ports from here. */
    public static final int UPPER_PORT_NUMBER_OFFSET = PortNumbering.UPPER_HALF;
    static final int PROTOCOL_VERSION = 1;

    private MlagSetup() {
    }

    public static Hello hello(AgentConfig config, MlagConfig mlag, MacAddress nodeMac) {
        List<BundleProfile> bundles = new ArrayList<>();
        for (BundleConfig b : config.lacp()) {
            if (b.mlagId().isPresent()) {
                bundles.add(new BundleProfile(b.mlagId().getAsInt(), b.key(), b.members().size(),
                        b.rate() == LacpRate.FAST));
            }
        }
        SpanningTreeMode stp = config.stp().map(s -> s.mode() == StpMode.STP ? SpanningTreeMode.STP
                : SpanningTreeMode.RSTP).orElse(SpanningTreeMode.OFF);
        return new Hello(PROTOCOL_VERSION, mlag.domainId(), config.system().priority(), mlag.systemMac(),
                new NodeId(mlag.priority(), nodeMac), portNumberOffset(mlag), stp, bundles);
    }

    public static PairTimers timers(MlagConfig mlag) {
        return PairTimers.DEFAULT.withDelayRestore(mlag.delayRestore().toNanos());
    }

    /** 0 on the node whose peer-link address is lower, 0x8000 on the other: both compute the same split. */
    public static int portNumberOffset(MlagConfig mlag) {
        try {
            byte[] local = InetAddress.getByName(mlag.local().host()).getAddress();
            byte[] peer = InetAddress.getByName(mlag.peer().host()).getAddress();
            int c = Arrays.compareUnsigned(local, peer);
            if (c == 0) {
                c = Integer.compare(mlag.local().port(), mlag.peer().port());
            }
            return c < 0 ? 0 : UPPER_PORT_NUMBER_OFFSET;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve the peer-link addresses: " + e.getMessage());
        }
    }
}
