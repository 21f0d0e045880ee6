package io.twinlink.agent.daemon;

import io.netty.channel.DefaultEventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.twinlink.agent.config.AgentConfig;
import io.twinlink.agent.config.BundleConfig;
import io.twinlink.agent.control.ControlServices;
import io.twinlink.agent.control.LacpSnapshot;
import io.twinlink.agent.control.PortsSnapshot;
import io.twinlink.agent.control.StateProvider;
import io.twinlink.agent.dataplane.Aggregate;
import io.twinlink.agent.dataplane.AggregationDataplane;
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

        /** Sets a member administratively up: frames cannot be captured on a port that is down. */
        void setAdminUp(String port) throws NetlinkException;
    }

    private final AgentConfig config;
    private final DefaultEventLoop loop;
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
    private ControlServices control;
    private StallWatchdog watchdog;
    private boolean closed;

    private AgentDaemon(AgentConfig config) {
        this.config = config;
        this.loop = new DefaultEventLoop(new DefaultThreadFactory("twinlink-loop", true));
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
        List<String> members = new ArrayList<>();
        for (BundleConfig b : config.lacp()) {
            members.addAll(b.members());
        }
        try {
            linkMonitor = os.openLinkMonitor(this::onLinkEvent);
        } catch (NetlinkException e) {
            throw new StartupException("cannot watch links over rtnetlink: " + e.getMessage());
        }
        Map<String, MacAddress> macs = new LinkedHashMap<>();
        for (String m : members) {
            LinkStatus status = status(m);
            if (!status.adminUp()) {
                // Like bonding and teamd, the agent brings its members up: LACP needs them
                // up to send and receive, and carrier alone then says whether a link works.
                try {
                    os.setAdminUp(m);
                } catch (NetlinkException e) {
                    throw new StartupException("cannot set " + m + " up: " + e.getMessage());
                }
                status = status(m);
            }
            linkStatus.put(m, status);
            macs.put(m, status.mac());
        }
        LacpSystem system = LacpSetup.systemId(config, macs);
        LacpEngine engine = LacpSetup.engine(config, system, 0, new Slf4jLacpTrace());
        try {
            capture = os.capture(config);
        } catch (IOException e) {
            throw new StartupException("cannot write capture file: " + e.getMessage());
        }
        try {
            dataplane = os.dataplane(config);
            for (BundleConfig b : config.lacp()) {
                aggregates.put(b.name(), dataplane.createAggregate(b.name(), b.members()));
            }
        } catch (DataplaneException e) {
            throw new StartupException("data plane " + config.dataplane().configName()
                    + ": " + e.getMessage());
        }
        lacp = new LacpRuntime(engine, scheduler, System::nanoTime, this::sendFrame, this::setForwarding, capture,
                macs);
        for (String m : members) {
            try {
                transports.put(m, os.transports().open(m,
                        frame -> loop.execute(() -> lacp.onFrame(frame.port(), frame.frame()))));
            } catch (FrameIoException e) {
                throw new StartupException("cannot open " + m + " for LACP frames: " + e.getMessage());
            }
        }
        watchdog = StallWatchdog.standard(scheduler, System::nanoTime);
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
            watchdog.start();
            return null;
        });
        try {
            control = ControlServices.start(config.control(), new LoopStateProvider());
        } catch (IOException e) {
            throw new StartupException("control socket " + config.control().socket() + ": " + e.getMessage());
        }
        LOG.info("started system={} bundles={} members={} dataplane={}", system, config.lacp().size(),
                members.size(), config.dataplane().configName());
    }

    private LinkStatus status(String name) throws StartupException {
        try {
            return linkMonitor.status(name).orElseThrow(() -> new StartupException("no such interface \"" + name + "\""));
        } catch (NetlinkException e) {
            throw new StartupException("cannot read interface " + name + ": " + e.getMessage());
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
        if (lacp == null || !isMember(name)) {
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
            linkStatus.put(name, now);
            lacp.onLink(name, up, fullDuplex(now), speed(now));
        });
    }

    private boolean isMember(String name) {
        for (BundleConfig b : config.lacp()) {
            if (b.members().contains(name)) {
                return true;
            }
        }
        return false;
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
            return CompletableFuture.supplyAsync(() -> PortsView.of(lacp, linkStatus, transports), loop);
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
        if (lacp != null && !loop.isShuttingDown()) {
            try {
                onLoop(() -> {
                    lacp.shutdown();
                    if (watchdog != null) {
                        watchdog.stop();
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.warn("graceful LACP stop incomplete: {}", e.getMessage());
            }
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
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
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
