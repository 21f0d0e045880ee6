package io.twinlink.agent.daemon;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.twinlink.agent.config.MlagConfig;
import io.twinlink.agent.control.MlagSnapshot;
import io.twinlink.agent.peerlink.BackupKeepalive;
import io.twinlink.agent.peerlink.PeerLink;
import io.twinlink.mlag.Keepalive;
import io.twinlink.mlag.MlagPair;
import io.twinlink.mlag.PeerMessage;
import java.util.function.Consumer;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.twinlink.agent.config.AgentConfig;
import io.twinlink.agent.config.BundleConfig;
import io.twinlink.agent.control.ControlServices;
import io.twinlink.agent.control.LacpSnapshot;
import io.twinlink.agent.control.PortsSnapshot;
import io.twinlink.agent.control.StateProvider;
import io.twinlink.agent.control.StpSnapshot;
import io.twinlink.agent.dataplane.Aggregate;
import io.twinlink.agent.dataplane.AggregationDataplane;
import io.twinlink.agent.dataplane.BridgeDataplane;
import io.twinlink.agent.dataplane.DataplaneException;
import io.twinlink.agent.io.FrameIoException;
import io.twinlink.agent.io.FrameTransport;
import io.twinlink.agent.netlink.LinkEvent;
import io.twinlink.agent.netlink.LinkMonitor;
import io.twinlink.agent.netlink.LinkStatus;
import io.twinlink.agent.netlink.NetlinkException;
import io.twinlink.lacp.LacpEngine;
import io.twinlink.lacp.LacpSystem;
import io.twinlink.wire.MacAddress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running agent: one Netty event-loop thread owns every protocol engine; capture threads
 * and the link monitor only post to it. Started from a validated {@link AgentConfig}; stopped
 * by {@link #close()} (SIGTERM), which tells partners at once and removes everything it
 * created.
 */
public final class AgentDaemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentDaemon.class);
    private static final long LOOP_CALL_TIMEOUT_MS = 5_000;

    /** What the daemon needs from the operating system; real implementations or in-memory ones. */
    public interface Os {
        FrameTransport.Opener transports();

        LinkMonitor openLinkMonitor(io.twinlink.agent.netlink.LinkListener listener) throws NetlinkException;

        AggregationDataplane dataplane(AgentConfig config) throws DataplaneException;

        CaptureSink capture(AgentConfig config) throws IOException;

        /**
         * Sets a port administratively up or down: up because frames cannot be captured on a
         * port that is down, down to hold an MC-LAG bundle down (protodown).
         */
        void setAdmin(String port, boolean up) throws NetlinkException;

        /** The authenticated TCP peer-link to the other half of an MC-LAG pair, on the agent's loop. */
        PeerLink peerLink(EventLoop loop, MlagConfig mlag, PeerLink.Listener listener) throws IOException;

        /** The UDP backup keepalive path, or {@code null} when {@code mlag.backup} is not set. */
        BackupKeepalive backup(EventLoop loop, MlagConfig mlag, Consumer<Keepalive> listener) throws IOException;

        /** Takes over the ports of a Linux bridge for spanning tree. */
        BridgeDataplane bridgeDataplane(String bridge, List<String> ports) throws DataplaneException;
    }

    private final AgentConfig config;
    private final EventLoopGroup loopGroup;
    private final EventLoop loop;
    private final Scheduler scheduler;
    private final Map<String, FrameTransport> transports = new LinkedHashMap<>();
    /** The latest status of every member; written on the event loop only. */
    private final Map<String, LinkStatus> linkStatus = new LinkedHashMap<>();
    private final Map<String, Aggregate> aggregates = new LinkedHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private LinkMonitor linkMonitor;
    private AggregationDataplane dataplane;
    private CaptureSink capture = CaptureSink.NONE;
    private volatile LacpRuntime lacp;
    private volatile StpRuntime stp;
    private BridgeDataplane bridgeDataplane;
    private volatile MlagRuntime mlag;
    private PeerLink peerLink;
    private BackupKeepalive backup;
    private SplitHorizon splitHorizon;
    private Os os;
    /** mlag-id to bundle name, and the peer's half of each MLAG bundle as last reported. */
    private final Map<Integer, String> mlagBundles = new LinkedHashMap<>();
    private final Map<Integer, Boolean> peerBundleUp = new LinkedHashMap<>();
    private final Map<String, Boolean> localBundleUp = new LinkedHashMap<>();
    private ControlServices control;
    private StallWatchdog watchdog;
    private CarrierWatch carrierWatch;
    private boolean closed;

    private AgentDaemon(AgentConfig config) {
        this.config = config;
        // One NIO event loop: protocol state, timers and the peer-link's sockets share its thread.
        this.loopGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("twinlink-loop", true),
                NioIoHandler.newFactory());
        this.loop = loopGroup.next();
        this.scheduler = Scheduler.of(loop);
    }

    /**
     * Brings everything up, or fails with everything it had done undone.
     *
     * @throws StartupException with a one-line reason when the host is not as the config says
     */
    public static AgentDaemon start(AgentConfig config, Os os) throws StartupException {
        AgentDaemon daemon = new AgentDaemon(config);
        try {
            daemon.startUp(os);
            return daemon;
        } catch (StartupException | RuntimeException e) {
            daemon.close();
            throw e;
        }
    }

    private void startUp(Os os) throws StartupException {
        this.os = os;
        try {
            io.twinlink.agent.control.ControlServer.refuseIfInUse(config.control().socket());
        } catch (IOException e) {
            throw new StartupException("control socket " + config.control().socket() + ": " + e.getMessage());
        }
        try {
            linkMonitor = os.openLinkMonitor(this::onLinkEvent);
        } catch (NetlinkException e) {
            throw new StartupException("cannot watch links over rtnetlink: " + e.getMessage());
        }
        try {
            capture = os.capture(config);
        } catch (IOException e) {
            // The capture is for people debugging: it must never keep the protocols from running.
            LOG.warn("capture file {} cannot be written, running without capture: {}",
                    config.capture().map(Object::toString).orElse("-"), e.getMessage());
        }
        List<String> members = new ArrayList<>();
        for (BundleConfig b : config.lacp()) {
            members.addAll(b.members());
        }
        Map<String, MacAddress> memberMacs = bringUp(os, members);
        LacpSystem system = startLacp(os, members, memberMacs);
        if (config.stp().isPresent()) {
            startStp(os, config.stp().get());
        }
        if (config.mlag().isPresent()) {
            startMlag(os, config.mlag().get(), system);
        }
        watchdog = StallWatchdog.standard(scheduler, System::nanoTime);
        carrierWatch = new CarrierWatch(scheduler, List.copyOf(linkStatus.keySet()), linkMonitor::carrierNow,
                p -> linkStatus.get(p).carrier(), this::carrierChangedAhead);
        onLoop(() -> {
            lacp.start();
            for (String m : members) {
                // Read again: a change while the data plane and transports were being set up
                // came before `lacp` existed and was not passed on. From here on every change
                // is queued behind this task, so nothing falls between the two.
                LinkStatus s = currentStatus(m);
                linkStatus.put(m, s);
                lacp.onLink(m, s.up(), fullDuplex(s), speed(s));
            }
            if (stp != null) {
                stp.start();
                for (String p : config.stp().get().ports().keySet()) {
                    LinkStatus s = linkStatus.get(p);
                    stp.onLink(p, s.up(), fullDuplex(s), speed(s));
                }
            }
            if (mlag != null) {
                mlag.start();
                peerLink.start();
                if (backup != null) {
                    backup.start();
                }
            }
            watchdog.start();
            carrierWatch.start();
            return null;
        });
        try {
            control = ControlServices.start(config.control(), new LoopStateProvider());
        } catch (IOException e) {
            throw new StartupException("control socket " + config.control().socket() + ": " + e.getMessage());
        }
        LOG.info("started system={} bundles={} members={} dataplane={}{}", system, config.lacp().size(),
                members.size(), config.dataplane().configName(),
                config.stp().map(c -> " stp=" + c.bridge() + " (" + c.mode().name().toLowerCase() + ")").orElse(""));
    }

    /**
     * Reads each port's status and, like bonding and teamd do for their members, sets it
     * administratively up: frames cannot be sent or captured on a port that is down, and
     * carrier alone then says whether the link works.
     */
    private Map<String, MacAddress> bringUp(Os os, List<String> ports) throws StartupException {
        Map<String, MacAddress> macs = new LinkedHashMap<>();
        for (String p : ports) {
            LinkStatus status = status(p);
            if (!status.adminUp()) {
                try {
                    os.setAdmin(p, true);
                } catch (NetlinkException e) {
                    throw new StartupException("cannot set " + p + " up: " + e.getMessage());
                }
                status = status(p);
            }
            linkStatus.put(p, status);
            macs.put(p, status.mac());
        }
        return macs;
    }

    private LacpSystem startLacp(Os os, List<String> members, Map<String, MacAddress> macs) throws StartupException {
        LacpSystem system = LacpSetup.systemId(config, macs);
        int portOffset = config.mlag().map(MlagSetup::portNumberOffset).orElse(0);
        LacpEngine engine = LacpSetup.engine(config, system, portOffset, new Slf4jLacpTrace());
        try {
            dataplane = os.dataplane(config);
            for (BundleConfig b : config.lacp()) {
                aggregates.put(b.name(), dataplane.createAggregate(b.name(), b.members()));
            }
        } catch (DataplaneException e) {
            throw new StartupException("data plane " + config.dataplane().configName() + ": " + e.getMessage());
        }
        lacp = new LacpRuntime(engine, scheduler, System::nanoTime, this::sendFrame, this::setForwarding, capture,
                macs);
        for (String m : members) {
            openTransport(os, m, frame -> lacp.onFrame(frame.port(), frame.frame()));
        }
        return system;
    }

    /** Spanning tree on the Linux bridge; bundle aggregates among its ports exist by now. */
    private void startStp(Os os, io.twinlink.agent.config.StpConfig stpConfig) throws StartupException {
        List<String> ports = List.copyOf(stpConfig.ports().keySet());
        MacAddress bridgeMac = status(stpConfig.bridge()).mac();
        try {
            // Before any port is brought up: a Linux bridge without kernel STP forwards on a port
            // the moment it is up with carrier, BPDUs included, and a neighbour that hears
            // another bridge's BPDUs through us takes that bridge for its root.
            bridgeDataplane = os.bridgeDataplane(stpConfig.bridge(), ports);
        } catch (DataplaneException e) {
            throw new StartupException("bridge " + stpConfig.bridge() + ": " + e.getMessage());
        }
        Map<String, MacAddress> macs = bringUp(os, ports);
        for (String p : ports) {
            try {
                // Coming up put them into forwarding (br_stp_enable_port); the engine starts them discarding.
                bridgeDataplane.setPortState(p, BridgeDataplane.PortState.DISCARDING);
            } catch (DataplaneException e) {
                throw new StartupException("bridge " + stpConfig.bridge() + ": " + e.getMessage());
            }
        }
        stp = new StpRuntime(StpSetup.engine(stpConfig, bridgeMac, new Slf4jStpTrace()), scheduler, System::nanoTime,
                this::sendFrame, bridgeDataplane, capture, macs);
        for (String p : ports) {
            openTransport(os, p, frame -> stp.onFrame(frame.port(), frame.frame()));
        }
    }

    /**
     * This node's half of an MC-LAG pair: the pair logic on the shared loop, the peer-link and
     * backup keepalive on the same loop's sockets, split horizon when a peer-link port is set.
     */
    private void startMlag(Os os, MlagConfig mlagConfig, LacpSystem ownSystem) throws StartupException {
        for (BundleConfig b : config.lacp()) {
            b.mlagId().ifPresent(id -> mlagBundles.put(id, b.name()));
        }
        MlagPair pair = new MlagPair(MlagSetup.hello(config, mlagConfig, ownSystem.mac()),
                MlagSetup.timers(mlagConfig), mlagConfig.backup().isPresent());
        mlag = new MlagRuntime(pair, scheduler, System::nanoTime, new PairActions());
        lacp.onBundleState(this::onLocalBundle);
        try {
            if (mlagConfig.peerLinkPort().isPresent()) {
                splitHorizon = SplitHorizon.install(mlagConfig.peerLinkPort().get());
            }
            peerLink = os.peerLink(loop, mlagConfig, new PeerLink.Listener() {
                @Override
                public void onUp() {
                    mlag.peerLinkUp();
                }

                @Override
                public void onDown(String reason) {
                    LOG.info("peer-link down: {}", reason);
                    mlag.peerLinkDown();
                }

                @Override
                public void onMessage(PeerMessage message) {
                    mlag.received(message);
                }
            });
            backup = os.backup(loop, mlagConfig, k -> mlag.keepalive(k));
        } catch (IOException e) {
            throw new StartupException("mlag: " + e.getMessage());
        }
    }

    private void onLocalBundle(String bundle, boolean up) {
        localBundleUp.put(bundle, up);
        for (Map.Entry<Integer, String> e : mlagBundles.entrySet()) {
            if (e.getValue().equals(bundle)) {
                mlag.localBundleChanged(e.getKey(), up);
                updateSplitHorizon(e.getKey());
            }
        }
    }

    private void updateSplitHorizon(int mlagId) {
        if (splitHorizon != null) {
            String name = mlagBundles.get(mlagId);
            splitHorizon.setDualHomed(name, localBundleUp.getOrDefault(name, false)
                    && peerBundleUp.getOrDefault(mlagId, false));
        }
    }

    /** What the pair's decisions do to this agent; all on the loop. */
    private final class PairActions implements MlagRuntime.Actions {
        @Override
        public void send(PeerMessage message) {
            peerLink.send(message);
        }

        @Override
        public void sendKeepalive(Keepalive keepalive) {
            if (backup != null) {
                backup.send(keepalive);
            }
        }

        @Override
        public void dropPeerLink(String reason) {
            peerLink.drop(reason);
        }

        /**
         * Protodown sets the bundle's members administratively down, as switch vendors do:
         * the partner loses carrier and moves traffic at once, instead of after a LACP timeout.
         */
        @Override
        public void setProtodown(int mlagId, boolean protodown, String reason) {
            String bundle = mlagBundles.get(mlagId);
            for (BundleConfig b : config.lacp()) {
                if (!b.name().equals(bundle)) {
                    continue;
                }
                for (String member : b.members()) {
                    try {
                        os.setAdmin(member, !protodown);
                    } catch (NetlinkException e) {
                        LOG.warn("port={} protodown={} not applied: {}", member, protodown, e.getMessage());
                    }
                }
            }
        }

        @Override
        public void advertise(LacpSystem system) {
            lacp.setSystem(system);
        }

        @Override
        public void peerBundle(int mlagId, boolean up) {
            peerBundleUp.put(mlagId, up);
            updateSplitHorizon(mlagId);
        }
    }

    private void openTransport(Os os, String port, java.util.function.Consumer<io.twinlink.agent.io.ReceivedFrame> onLoop)
            throws StartupException {
        try {
            transports.put(port, os.transports().open(port, frame -> loop.execute(() -> {
                linkUpBeforeFrame(port);
                onLoop.accept(frame);
            })));
        } catch (FrameIoException e) {
            throw new StartupException("cannot open " + port + " for protocol frames: " + e.getMessage());
        }
    }

    private LinkStatus status(String name) throws StartupException {
        try {
            return linkMonitor.status(name).orElseThrow(() -> new StartupException("no such interface \"" + name + "\""));
        } catch (NetlinkException e) {
            throw new StartupException("cannot read interface " + name + ": " + e.getMessage());
        }
    }

    /**
     * A frame proves its port has a link. If it overtook the kernel's link-up notification
     * (which waits on the monitor's thread for speed and duplex), the port is still disabled
     * here and would drop it [802.1AX-2020 6.4.12, PORT_DISABLED]: a partner's first LACPDU
     * lost that way does not come again before its next periodic one, 30 s at slow rate. So
     * the link is read now and the change passed on before the frame.
     */
    private void linkUpBeforeFrame(String port) {
        LinkStatus known = linkStatus.get(port);
        if (known == null || known.up()) {
            return;
        }
        LinkStatus now = currentStatus(port);
        if (now.up()) {
            LOG.debug("port={} frame before its link-up notification: link read again", port);
            applyLink(port, now, true);
        }
    }

    /**
     * On the loop: the driver's carrier differs from the one last notified ({@link CarrierWatch}),
     * so the kernel's notification is being held back; the link is read now and passed on.
     */
    private void carrierChangedAhead(String port) {
        LinkStatus now = currentStatus(port);
        if (now.carrier() != linkStatus.get(port).carrier()) {
            LOG.debug("port={} carrier {} ahead of the kernel's notification", port, now.carrier() ? "up" : "down");
            applyLink(port, now, now.up());
        }
    }

    /** The member's status now, or the last known one if the kernel cannot be asked. */
    private LinkStatus currentStatus(String name) {
        try {
            return linkMonitor.status(name).orElse(linkStatus.get(name));
        } catch (NetlinkException e) {
            LOG.debug("port={} status unknown at start: {}", name, e.getMessage());
            return linkStatus.get(name);
        }
    }

    /**
     * On the link monitor's thread: a carrier loss goes to the loop at once (it is what the
     * 50 ms failover budget is spent on); a link coming up first has its speed and duplex read.
     */
    private void onLinkEvent(LinkEvent event) {
        String name = event.link().name();
        if (lacp == null || !linkStatus.containsKey(name)) {
            return;
        }
        boolean up = !event.removed() && event.link().up();
        LinkStatus fresh = null;
        if (up) {
            try {
                fresh = linkMonitor.status(name).orElse(null);
            } catch (NetlinkException e) {
                LOG.debug("port={} speed/duplex unknown after link change: {}", name, e.getMessage());
            }
        }
        LinkStatus measured = fresh;
        loop.execute(() -> {
            LinkStatus previous = linkStatus.get(name);
            LinkStatus now = measured != null ? measured
                    : new LinkStatus(event.link(), previous.speedMbps(), previous.duplex());
            applyLink(name, now, up);
        });
    }

    /**
     * On the loop: a port's new status to the protocols (repeating an unchanged one is harmless).
     * {@code up} is the event's word, which counts a removed link as down.
     */
    private void applyLink(String name, LinkStatus now, boolean up) {
        linkStatus.put(name, now);
        lacp.onLink(name, up, fullDuplex(now), speed(now));
        if (stp != null) {
            stp.onLink(name, up, fullDuplex(now), speed(now));
        }
    }

    private static long speed(LinkStatus s) {
        return Math.max(0, s.speedMbps());
    }

    /** Unknown duplex counts as full: virtual links (veth, tap) report none and are point-to-point. */
    private static boolean fullDuplex(LinkStatus s) {
        return s.duplex() != io.twinlink.agent.netlink.Duplex.HALF;
    }

    private void sendFrame(String port, byte[] frame) {
        FrameTransport t = transports.get(port);
        if (t == null) {
            return;
        }
        try {
            t.send(frame);
        } catch (FrameIoException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void setForwarding(String bundle, String port, boolean collecting, boolean distributing) {
        Aggregate aggregate = aggregates.get(bundle);
        try {
            // Safe order: start collecting before distributing, stop distributing before collecting.
            if (collecting) {
                aggregate.setCollecting(port, true);
                aggregate.setDistributing(port, distributing);
            } else {
                aggregate.setDistributing(port, distributing);
                aggregate.setCollecting(port, false);
            }
        } catch (DataplaneException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Answers {@code twinlink show} and metrics scrapes with snapshots built on the loop. */
    private final class LoopStateProvider implements StateProvider {
        @Override
        public CompletionStage<LacpSnapshot> lacp() {
            return CompletableFuture.supplyAsync(() -> LacpSnapshot.of(lacp.engine()), loop);
        }

        @Override
        public CompletionStage<PortsSnapshot> ports() {
            return CompletableFuture.supplyAsync(() -> PortsView.of(lacp, stp, linkStatus, transports), loop);
        }

        @Override
        public CompletionStage<MlagSnapshot> mlag() {
            if (mlag == null) {
                return StateProvider.super.mlag();
            }
            String peer = config.mlag().get().peer().toString();
            return CompletableFuture.supplyAsync(() -> MlagSnapshot.of(mlag.pair(), peer, mlagBundles), loop);
        }

        @Override
        public CompletionStage<StpSnapshot> stp() {
            if (stp == null) {
                return StateProvider.super.stp();
            }
            return CompletableFuture.supplyAsync(() -> StpSnapshot.of(stp.engine()), loop);
        }
    }

    /** Runs a task on the event loop and waits for its answer (control socket, metrics, shutdown). */
    public <T> T onLoop(Callable<T> task) {
        if (loop.inEventLoop()) {
            try {
                return task.call();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        try {
            return loop.submit(task).get(LOOP_CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("event loop did not answer within " + LOOP_CALL_TIMEOUT_MS + " ms");
        }
    }

    public LacpRuntime lacp() {
        return lacp;
    }

    public AgentConfig config() {
        return config;
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** Graceful stop: final LACPDUs out, members out of the data plane, then everything torn down. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (lacp != null && !loopGroup.isShuttingDown()) {
            try {
                onLoop(() -> {
                    if (mlag != null) {
                        mlag.shutdown();
                    }
                    lacp.shutdown();
                    if (stp != null) {
                        stp.shutdown();
                    }
                    if (watchdog != null) {
                        watchdog.stop();
                    }
                    if (carrierWatch != null) {
                        carrierWatch.stop();
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.warn("graceful LACP stop incomplete: {}", e.getMessage());
            }
        }
        if (peerLink != null) {
            peerLink.close();
        }
        if (backup != null) {
            backup.close();
        }
        if (splitHorizon != null) {
            splitHorizon.close();
        }
        if (control != null) {
            try {
                control.close();
            } catch (IOException e) {
                LOG.debug("control socket close: {}", e.getMessage());
            }
        }
        transports.values().forEach(FrameTransport::close);
        if (linkMonitor != null) {
            linkMonitor.close();
        }
        if (bridgeDataplane != null) {
            bridgeDataplane.close();
        }
        if (dataplane != null) {
            try {
                dataplane.close();
            } catch (Exception e) {
                LOG.warn("data plane clean-up incomplete: {}", e.getMessage());
            }
        }
        if (capture instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("capture close: {}", e.getMessage());
            }
        }
        loopGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        LOG.info("stopped");
        stopped.countDown();
    }

    /** The host does not match the configuration (missing interface, no permission): exit 2 or 1. */
    public static final class StartupException extends Exception {
        private static final long serialVersionUID = 1L;

        public StartupException(String message) {
            super(message, null, false, false);
        }
    }
}
