package io.twinlink.agent.daemon;

import io.twinlink.agent.control.Carrier;
import io.twinlink.agent.control.PortSnapshot;
import io.twinlink.agent.control.PortsSnapshot;
import io.twinlink.agent.io.FrameCounters;
import io.twinlink.agent.io.FrameTransport;
import io.twinlink.agent.netlink.LinkStatus;
import io.twinlink.lacp.AggregationPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds {@code show ports} from the engine, the latest link statuses and the frame transports (on the loop). */
final class PortsView {

    private PortsView() {
    }

    static PortsSnapshot of(LacpRuntime lacp, StpRuntime stp, Map<String, LinkStatus> links,
                            Map<String, FrameTransport> transports) {
        List<PortSnapshot> out = new ArrayList<>();
        for (Map.Entry<String, LinkStatus> e : links.entrySet()) {
            String name = e.getKey();
            LinkStatus s = e.getValue();
            AggregationPort port = lacp.engine().hasPort(name) ? lacp.engine().port(name) : null;
            FrameTransport t = transports.get(name);
            FrameCounters c = t == null ? null : t.counters();
            out.add(new PortSnapshot(name, s.ifindex(), s.mac(), Carrier.of(s.up()),
                    s.speedMbps() < 0 ? null : (long) s.speedMbps(), s.duplex(),
                    port == null ? null : port.bundleName(), port == null ? null : port.muxState(),
                    c == null ? 0 : c.rxFrames(), c == null ? 0 : c.txFrames(),
                    lacp.frameCounters().malformed(name) + (stp == null ? 0 : stp.malformed(name)),
                    c == null ? 0 : c.policed(), lacp.frameCounters().stranger(name), c == null ? 0 : c.captureDrops()));
        }
        return new PortsSnapshot(out);
    }
}
