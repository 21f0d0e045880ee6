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
import io.twinlink.agent.netlink.LinkEvent;
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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's start-up against an in-memory operating system. */
class AgentDaemonTest {

    @TempDir
    Path dir;

    /**
     * The carrier comes up while the daemon is still setting up (here: its data plane), before its LACP
     * runtime exists: the kernel's notification is not passed on then, so the daemon must
     * read the link again once it is listening, or the port stays disabled until the next
     * change (found against Open vSwitch when the peer's links came up seconds after start).
     */
    @Test
    void aCarrierThatCameUpWhileStartingIsNotMissed() throws Exception {
        AgentConfig config = new ConfigLoader(InterfaceCatalog.of(List.of("eth1"))).parse("""
                system: {mac: 02:00:00:00:00:01}
                control: {socket: %s}
                lacp:
                  - {name: bond0, key: 10, mode: active, rate: fast, members: [eth1]}
                dataplane: none
                """.formatted(dir.resolve("twinlink.sock")), "test", dir);
        FakeOs os = new FakeOs();

        try (AgentDaemon daemon = AgentDaemon.start(config, os)) {
            assertThat(os.carrier).isTrue();
            assertThat(daemon.onLoop(() -> daemon.lacp().engine().port("eth1").portEnabled()))
                    .as("eth1 enabled: it has carrier").isTrue();
        }
    }

    /** One member, eth1, whose carrier comes up while the data plane is being created. */
    private static final class FakeOs implements AgentDaemon.Os {
        volatile boolean carrier;
        final AtomicReference<LinkListener> listener = new AtomicReference<>();

        LinkState eth1() {
            return new LinkState(2, "eth1", MacAddress.parse("02:00:00:00:01:01"), true, carrier,
                    carrier ? OperState.UP : OperState.DOWN, 0, "veth");
        }

        @Override
        public FrameTransport.Opener transports() {
            return (port, frames) -> {
                return new FrameTransport() {
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
            };
        }

        @Override
        public LinkMonitor openLinkMonitor(LinkListener l) {
            listener.set(l);
            return new LinkMonitor() {
                @Override
                public Optional<LinkStatus> status(String name) {
                    return name.equals("eth1") ? Optional.of(new LinkStatus(eth1(), 10_000, Duplex.FULL)) : Optional.empty();
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public AggregationDataplane dataplane(AgentConfig config) {
            carrier = true; // the peer's end comes up while the aggregate is being set up
            listener.get().linkChanged(new LinkEvent(eth1(), false, System.nanoTime()));
            return new NoDataplane();
        }

        @Override
        public CaptureSink capture(AgentConfig config) {
            return CaptureSink.NONE;
        }

        @Override
        public void setAdmin(String port, boolean up) {
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
            throw new UnsupportedOperationException("no stp section in this test");
        }
    }

}
