package io.twinlink.agent.netlink;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LinkMonitor} over rtnetlink: a socket subscribed to RTMGRP_LINK, read by one thread
 * that turns RTM_NEWLINK/RTM_DELLINK notifications into {@link LinkEvent}s.
 *
 * <p>The kernel sends RTM_NEWLINK for many reasons (MTU, queue, feature changes); only a
 * change of what the agent acts on (existence, name, MAC, admin state, carrier, operational
 * state, master) becomes an event. If the kernel ever drops notifications (ENOBUFS), the
 * monitor lists all links again and reports the differences, so no transition is lost.
 */
public final class RtnetlinkLinkMonitor implements LinkMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(RtnetlinkLinkMonitor.class);

    private final RouteSocket events;
    private final RouteNetlink requests;
    private final LinkSpeed speeds;
    private final LinkListener listener;
    /** ifindex -> last state; touched only by the reader thread once it runs. */
    private final Map<Integer, LinkState> known = new HashMap<>();
    private final Thread reader;
    private volatile boolean closed;

    private RtnetlinkLinkMonitor(RouteSocket events, RouteNetlink requests, LinkSpeed speeds, LinkListener listener) {
        this.events = events;
        this.requests = requests;
        this.speeds = speeds;
        this.listener = listener;
        this.reader = new Thread(this::readLoop, "twinlink-links");
        this.reader.setDaemon(true);
    }

    /**
     * Subscribes to link changes in the caller's network namespace and starts the reader.
     * The listener hears about changes from now on, not about the links as they already are
     * (ask {@link #status} for that).
     */
    public static RtnetlinkLinkMonitor open(LinkListener listener) throws NetlinkException {
        Objects.requireNonNull(listener, "listener");
        // subscribe before listing, so a change between the two is seen at least once
        RouteSocket events = RouteSocket.open(Rtnetlink.RTMGRP_LINK);
        RouteNetlink requests = null;
        LinkSpeed speeds = null;
        try {
            requests = RouteNetlink.open();
            speeds = LinkSpeed.open();
            RtnetlinkLinkMonitor monitor = new RtnetlinkLinkMonitor(events, requests, speeds, listener);
            for (LinkState s : requests.links()) {
                monitor.known.put(s.ifindex(), s);
            }
            monitor.reader.start();
            return monitor;
        } catch (NetlinkException e) {
            events.close();
            if (requests != null) {
                requests.close();
            }
            if (speeds != null) {
                speeds.close();
            }
            throw e;
        }
    }

    @Override
    public Optional<LinkStatus> status(String name) throws NetlinkException {
        Optional<LinkState> link = requests.link(name);
        if (link.isEmpty()) {
            return Optional.empty();
        }
        LinkSpeed.Setting setting;
        try {
            setting = speeds.of(name);
        } catch (NetlinkException e) {
            return Optional.empty(); // removed between the two questions
        }
        return Optional.of(new LinkStatus(link.get(), setting.speedMbps(), setting.duplex()));
    }

    @Override
    public Optional<Boolean> carrierNow(String name) {
        return speeds.carrier(name);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        events.wake();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!reader.isAlive()) {
            events.close(); // only now: the reader no longer uses the descriptor
        }
        requests.close();
        speeds.close();
    }

    private void readLoop() {
        while (!closed) {
            try {
                ByteBuffer datagram = events.receive(-1);
                long now = System.nanoTime();
                if (datagram == null) {
                    continue;
                }
                for (NetlinkMessage m : NetlinkMessage.split(datagram)) {
                    accept(m, now);
                }
            } catch (NetlinkException e) {
                if (closed) {
                    return;
                }
                if (e.errno() == Libc.ENOBUFS) {
                    LOG.warn("link notifications overflowed; listing all links again");
                    resync();
                } else {
                    LOG.warn("link monitor: {}", e.getMessage());
                    pause();
                }
            }
        }
    }

    private void accept(NetlinkMessage m, long now) throws NetlinkException {
        if (m.type() == Rtnetlink.RTM_NEWLINK) {
            LinkState state = LinkState.parse(m.payload());
            LinkState before = known.put(state.ifindex(), state);
            if (before == null || !sameForUs(before, state)) {
                deliver(new LinkEvent(state, false, now));
            }
        } else if (m.type() == Rtnetlink.RTM_DELLINK) {
            LinkState state = LinkState.parse(m.payload());
            LinkState before = known.remove(state.ifindex());
            if (before != null) {
                deliver(new LinkEvent(state.name().isEmpty() ? before : state, true, now));
            }
        }
    }

    private void resync() {
        try {
            List<LinkState> now = requests.links();
            long at = System.nanoTime();
            Map<Integer, LinkState> gone = new HashMap<>(known);
            for (LinkState s : now) {
                gone.remove(s.ifindex());
                LinkState before = known.put(s.ifindex(), s);
                if (before == null || !sameForUs(before, s)) {
                    deliver(new LinkEvent(s, false, at));
                }
            }
            for (LinkState s : gone.values()) {
                known.remove(s.ifindex());
                deliver(new LinkEvent(s, true, at));
            }
        } catch (NetlinkException e) {
            LOG.warn("link monitor: cannot list links after an overflow: {}", e.getMessage());
        }
    }

    private static boolean sameForUs(LinkState a, LinkState b) {
        return a.name().equals(b.name()) && a.mac().equals(b.mac()) && a.adminUp() == b.adminUp()
                && a.carrier() == b.carrier() && a.operState() == b.operState() && a.master() == b.master();
    }

    private void deliver(LinkEvent event) {
        if (closed) {
            return;
        }
        try {
            listener.linkChanged(event);
        } catch (RuntimeException e) {
            LOG.warn("link listener failed on {}: {}", event.link().name(), e.toString());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100); // a persistent socket error must not spin a core
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
