package io.twinlink.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.twinlink.agent.config.AgentConfig;
import io.twinlink.agent.config.ConfigLoader;
import io.twinlink.agent.config.InterfaceCatalog;
import io.twinlink.agent.config.MlagConfig;
import io.twinlink.agent.dataplane.AggregationDataplane;
import io.twinlink.agent.dataplane.BridgeDataplane;
import io.twinlink.agent.dataplane.NoDataplane;
import io.twinlink.agent.io.FrameCounters;
import io.twinlink.agent.io.FrameTransport;
import io.twinlink.agent.netlink.Duplex;
import io.twinlink.agent.netlink.LinkListener;
import io.twinlink.agent.netlink.LinkMonitor;
import io.twinlink.agent.netlink.LinkState;
import io.twinlink.agent.netlink.LinkStatus;
import io.twinlink.agent.netlink.OperState;
import io.twinlink.agent.peerlink.BackupKeepalive;
import io.twinlink.agent.peerlink.PeerLink;
import io.twinlink.mlag.Keepalive;
import io.twinlink.wire.MacAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's spanning tree start-up against an in-memory Linux bridge without kernel STP. */
class AgentDaemonStpTest {

    @TempDir
    Path dir;

    /**
     * The bridge takes no orders before the agent's data plane holds its ports: brought up
     * first, a port with carrier forwards everything, BPDUs too, and a neighbour that heard
     * another bridge's BPDUs through it took that bridge for its root (seen in StpGuardIT, where
     * the bridge behind twinlink adopted the superior bridge that root guard refused).
     */
    @Test
    void theBridgePortsAreHeldBeforeTheyAreBroughtUp() throws Exception {
        AgentConfig config = new ConfigLoader(InterfaceCatalog.of(List.of("br0", "eth3"))).parse("""
                control: {socket: %s}
                stp: {bridge: br0, ports: {eth3: {}}}
                dataplane: none
                """.formatted(dir.resolve("twinlink.sock")), "test", dir);
        LinuxBridgeOs os = new LinuxBridgeOs();

        try (AgentDaemon daemon = AgentDaemon.start(config, os)) {
            assertThat(os.events).containsSubsequence("bridge data plane opened", "eth3 admin up");
            assertThat(os.kernelStates).containsEntry("eth3", BridgeDataplane.PortState.DISCARDING);
        }
    }

    /**
     * A Linux bridge with kernel STP off: a port brought up while its carrier is present goes to
     * forwarding on the kernel's own account (br_stp_enable_port); otherwise it keeps the state
     * it is given.
     */
    private static final class LinuxBridgeOs implements AgentDaemon.Os {
        final List<String> events = new CopyOnWriteArrayList<>();
        final Map<String, BridgeDataplane.PortState> kernelStates = new ConcurrentHashMap<>();
        volatile boolean eth3Up;

        private LinkState link(String name, int ifindex, boolean up) {
            return new LinkState(ifindex, name, MacAddress.of(0x020000000300L + ifindex), up, true,
                    up ? OperState.UP : OperState.DOWN, 0, name.startsWith("br") ? "bridge" : "veth");
        }

        @Override
        public FrameTransport.Opener transports() {
            return (port, frames) -> new FrameTransport() {
                @Override
                public String port() {
                    return port;
                }

                @Override
                public void send(byte[] frame) {
                }

                @Override
                public FrameCounters counters() {
                    return new FrameCounters(0, 0, 0, 0);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public LinkMonitor openLinkMonitor(LinkListener listener) {
            return new LinkMonitor() {
                @Override
                public Optional<LinkStatus> status(String name) {
                    return switch (name) {
                        case "br0" -> Optional.of(new LinkStatus(link("br0", 2, true), -1, Duplex.UNKNOWN));
                        case "eth3" -> Optional.of(new LinkStatus(link("eth3", 3, eth3Up), 10_000, Duplex.FULL));
                        default -> Optional.empty();
                    };
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public AggregationDataplane dataplane(AgentConfig config) {
            return new NoDataplane();
        }

        @Override
        public CaptureSink capture(AgentConfig config) {
            return CaptureSink.NONE;
        }

        @Override
        public void setAdmin(String port, boolean up) {
            events.add(port + " admin " + (up ? "up" : "down"));
            if (port.equals("eth3")) {
                eth3Up = up;
                if (up) {
                    kernelStates.put(port, BridgeDataplane.PortState.FORWARDING);
                }
            }
        }

        @Override
        public PeerLink peerLink(EventLoop loop, MlagConfig mlag, PeerLink.Listener l) {
            throw new UnsupportedOperationException("no mlag section in this test");
        }

        @Override
        public BackupKeepalive backup(EventLoop loop, MlagConfig mlag, Consumer<Keepalive> l) {
            throw new UnsupportedOperationException("no mlag section in this test");
        }

        @Override
        public BridgeDataplane bridgeDataplane(String bridge, List<String> ports) {
            events.add("bridge data plane opened");
            return new BridgeDataplane() {
                @Override
                public void setPortState(String port, PortState state) {
                    kernelStates.put(port, state);
                }

                @Override
                public void flushFdb(String port) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
