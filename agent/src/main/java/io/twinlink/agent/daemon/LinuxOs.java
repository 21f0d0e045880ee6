package io.twinlink.agent.daemon;

import io.twinlink.agent.config.AgentConfig;
import io.twinlink.agent.dataplane.AggregationDataplane;
import io.twinlink.agent.dataplane.BridgeDataplane;
import io.twinlink.agent.dataplane.LinuxBridgeDataplane;
import io.twinlink.agent.dataplane.DataplaneException;
import io.twinlink.agent.io.FrameTransport;
import io.twinlink.agent.io.PcapFrameTransport;
import io.twinlink.agent.netlink.LinkListener;
import io.twinlink.agent.netlink.LinkMonitor;
import io.twinlink.agent.netlink.LinkRequests;
import io.twinlink.agent.netlink.NetlinkException;
import io.twinlink.agent.netlink.RouteNetlink;
import io.twinlink.agent.netlink.RtnetlinkLinkMonitor;
import java.io.IOException;
import io.netty.channel.EventLoop;
import io.twinlink.agent.config.MlagConfig;
import io.twinlink.agent.peerlink.BackupKeepalive;
import io.twinlink.agent.peerlink.BackupSettings;
import io.twinlink.agent.peerlink.NettyPeerLink;
import io.twinlink.agent.peerlink.PeerLink;
import io.twinlink.agent.peerlink.PeerLinkSettings;
import io.twinlink.agent.peerlink.SharedSecret;
import io.twinlink.mlag.Keepalive;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.List;

/** The real operating system: pcap for frames, rtnetlink for links, the configured data plane. */
public final class LinuxOs implements AgentDaemon.Os {

    private final int ringBytes;

    /** @param ports how many ports the agent captures on (sizes the capture rings) */
    public LinuxOs(int ports) {
        this.ringBytes = PcapFrameTransport.ringBytesFor(ports);
    }

    @Override
    public FrameTransport.Opener transports() {
        return (port, listener) -> PcapFrameTransport.open(port, listener, ringBytes);
    }

    @Override
    public LinkMonitor openLinkMonitor(LinkListener listener) throws NetlinkException {
        return RtnetlinkLinkMonitor.open(listener);
    }

    @Override
    public AggregationDataplane dataplane(AgentConfig config) throws DataplaneException {
        return AggregationDataplane.forName(config.dataplane().configName());
    }

    @Override
    public void setAdmin(String port, boolean up) throws NetlinkException {
        try (RouteNetlink netlink = RouteNetlink.open()) {
            int ifindex = netlink.ifindex(port);
            netlink.execute(s -> LinkRequests.setAdminUp(ifindex, up, s), "set " + port + (up ? " up" : " down"));
        }
    }

    @Override
    public PeerLink peerLink(EventLoop loop, MlagConfig mlag, PeerLink.Listener listener) throws IOException {
        return new NettyPeerLink(loop, PeerLinkSettings.from(mlag), listener);
    }

    @Override
    public BackupKeepalive backup(EventLoop loop, MlagConfig mlag, Consumer<Keepalive> listener) throws IOException {
        if (mlag.backup().isEmpty()) {
            return null;
        }
        return new BackupKeepalive(loop, BackupSettings.from(mlag, SharedSecret.read(mlag.secretFile())), listener);
    }

    @Override
    public BridgeDataplane bridgeDataplane(String bridge, List<String> ports) throws DataplaneException {
        return LinuxBridgeDataplane.open(bridge, ports);
    }

    @Override
    public CaptureSink capture(AgentConfig config) throws IOException {
        if (config.capture().isEmpty()) {
            return CaptureSink.NONE;
        }
        return PcapFileCapture.open(config.capture().get(), Clock.systemUTC());
    }
}
