package io.twinlink.it.stp;

import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.OvsRstpStatus;
import io.twinlink.it.harness.OvsSwitch;
import java.util.List;
import java.util.Locale;

/** Open vSwitch's 802.1D-2004 RSTP on a userspace-datapath bridge, a private instance per namespace. */
final class OvsRstpBridge implements SpanningTreeBridge {

    private final OvsSwitch ovs;

    private OvsRstpBridge(OvsSwitch ovs) {
        this.ovs = ovs;
    }

    /**
     * Starts OVS in {@code netns}, creates {@value #DEVICE} with {@code ports} (brought up) and
     * turns RSTP on. OVS has no setting for Hello Time: it always sends every 2 s.
     */
    static OvsRstpBridge create(Netns netns, int priority, String mac, StpTimers timers, List<String> ports) {
        OvsSwitch ovs = OvsSwitch.start(netns);
        try {
            ovs.addBridge(DEVICE);
            // A fixed bridge address makes the Bridge Identifier readable and the same every run.
            ovs.vsctl("set", "bridge", DEVICE, "other_config:hwaddr=\"" + mac + "\"",
                    "other_config:rstp-address=\"" + mac + "\"",
                    "other_config:rstp-max-age=" + timers.maxAge(),
                    "other_config:rstp-forward-delay=" + timers.forwardDelay());
            for (String port : ports) {
                ovs.addPort(DEVICE, port);
                netns.linkUp(port);
            }
            ovs.enableRstp(DEVICE, priority);
            netns.linkUp(DEVICE);
            return new OvsRstpBridge(ovs);
        } catch (RuntimeException e) {
            ovs.close();
            throw e;
        }
    }

    @Override
    public String kind() {
        return "ovs";
    }

    @Override
    public Netns netns() {
        return ovs.netns();
    }

    @Override
    public BridgeStatus status() {
        OvsRstpStatus s = ovs.rstpShow(DEVICE);
        return new BridgeStatus(kind() + " in " + netns().name(),
                new BridgeIdentifier(s.bridgePriority(), s.bridgeSystemId()),
                new BridgeIdentifier(s.rootPriority(), s.rootSystemId()),
                s.ports().stream().map(p -> new BridgePort(p.name(), p.role().toLowerCase(Locale.ROOT),
                        PortState.ofWord(p.state()))).toList());
    }

    @Override
    public void close() {
        ovs.close();
    }

    @Override
    public String toString() {
        return ovs.toString();
    }
}
