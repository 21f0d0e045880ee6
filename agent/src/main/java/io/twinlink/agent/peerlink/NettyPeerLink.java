package io.twinlink.agent.peerlink;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import io.twinlink.mlag.PeerMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer-link over TCP (DESIGN.md "MC-LAG pair"), on the caller's Netty event loop (NIO
 * transport): it listens on {@code local} and connects to {@code peer}, both at once, so that
 * whichever side starts first, or whichever direction a firewall allows, a connection forms.
 * When two authenticate, the one opened by the side with the lower address survives (both
 * sides decide alike, see {@link PeerLinkSettings#localIsLower()}). While no connection is
 * up it reconnects with a backoff (100 ms doubling to 1 s). Dead-peer detection is the pair
 * logic's (three missed heartbeats, then {@link #drop}).
 *
 * <p>All state lives on the event loop; {@link #start}, {@link #send}, {@link #drop} and
 * {@link #close} may be called from elsewhere and are handed to it.
 */
public final class NettyPeerLink implements PeerLink {

    private static final Logger LOG = LoggerFactory.getLogger(NettyPeerLink.class);
    private static final long BIND_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * Inbound connections allowed to be in their handshake at once. The peer opens one at a
     * time; more can only be someone holding connections open without authenticating
     * (slow-loris), who must not be able to use up sockets and memory.
     */
    static final int MAX_PENDING_HANDSHAKES = 4;

    private final EventLoop loop;
    private final PeerLinkSettings settings;
    private final Listener listener;
    private final PeerLinkCounters counters = new PeerLinkCounters();
    private final ReconnectBackoff backoff;
    private final SslContext serverTls;
    private final SslContext clientTls;
    private final ConnectionEvents events = new Events();

    private Channel server;
    private Channel current;
    private Channel outbound;
    private final Set<Channel> outboundChannels = new HashSet<>();
    private final Set<Channel> open = new HashSet<>();
    private final Set<Channel> replaced = new HashSet<>();
    /** Inbound connections not authenticated yet. */
    private final Set<Channel> pendingInbound = new HashSet<>();
    private ScheduledFuture<?> connectTimer;
    private ScheduledFuture<?> bindTimer;
    private String lastBindError;
    private boolean started;
    private boolean closed;
    private boolean everUp;
    private volatile boolean up;
    private volatile InetSocketAddress boundAddress;

    /**
     * @throws IOException when the TLS files cannot be used (one-line message)
     */
    public NettyPeerLink(EventLoop loop, PeerLinkSettings settings, Listener listener) throws IOException {
        this.loop = loop;
        this.settings = settings;
        this.listener = listener;
        this.backoff = new ReconnectBackoff(settings.minBackoff().toNanos(), settings.maxBackoff().toNanos());
        if (settings.tls().isPresent()) {
            this.serverTls = settings.tls().get().serverContext();
            this.clientTls = settings.tls().get().clientContext();
        } else {
            this.serverTls = null;
            this.clientTls = null;
        }
    }

    @Override
    public void start() {
        onLoop(() -> {
            if (started || closed) {
                return;
            }
            started = true;
            bind();
            connect();
        });
    }

    @Override
    public boolean send(PeerMessage message) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> send(message));
            return up;
        }
        if (current == null) {
            return false;
        }
        current.writeAndFlush(message).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        return true;
    }

    @Override
    public void drop(String reason) {
        onLoop(() -> {
            if (current != null) {
                current.attr(Violation.CLOSE_REASON).setIfAbsent(reason);
                current.close();
            }
        });
    }

    @Override
    public boolean isUp() {
        return up;
    }

    @Override
    public PeerLinkCounters counters() {
        return counters;
    }

    /** The address the listener is bound to (its port when configured with port 0), or null before. */
    public InetSocketAddress boundAddress() {
        return boundAddress;
    }

    /**
     * Closes everything. From another thread, waits until the sockets are closed (so the
     * address can be bound again at once); on the event loop it only starts closing.
     */
    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        onLoop(() -> shutDown(done));
        if (!loop.inEventLoop()) {
            try {
                done.get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("peer-link close did not finish: {}", e.getMessage());
            }
        }
    }

    private void shutDown(CompletableFuture<Void> done) {
        if (closed) {
            done.complete(null);
            return;
        }
        closed = true;
        cancel(connectTimer);
        cancel(bindTimer);
        List<Future<Void>> closing = new ArrayList<>();
        if (server != null) {
            closing.add(server.close());
        }
        for (Channel ch : new ArrayList<>(open)) {
            ch.attr(Violation.CLOSE_REASON).setIfAbsent("peer-link closed locally");
            closing.add(ch.close());
        }
        if (closing.isEmpty()) {
            done.complete(null);
            return;
        }
        int[] left = {closing.size()};
        for (Future<Void> f : closing) {
            f.addListener(x -> {
                if (--left[0] == 0) {
                    done.complete(null);
                }
            });
        }
    }

    // ------------------------------------------------------------------ listening and connecting

    private void bind() {
        if (closed) {
            return;
        }
        new ServerBootstrap().group(loop, loop).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer(HandshakeHandler.Side.SERVER))
                .bind(settings.local()).addListener((ChannelFuture f) -> {
                    if (f.isSuccess()) {
                        if (closed) {
                            f.channel().close();
                            return;
                        }
                        server = f.channel();
                        boundAddress = (InetSocketAddress) server.localAddress();
                        lastBindError = null;
                        LOG.info("peer-link listening on {}", boundAddress);
                    } else {
                        // The address may not be configured yet (interface still coming up): retry.
                        String error = f.cause().getMessage();
                        if (!error.equals(lastBindError)) {
                            LOG.warn("peer-link cannot listen on {}: {}; retrying every second", settings.local(), error);
                            lastBindError = error;
                        }
                        bindTimer = loop.schedule(this::bind, BIND_RETRY_NANOS, TimeUnit.NANOSECONDS);
                    }
                });
    }

    private void connect() {
        connectTimer = null;
        if (closed || current != null || outbound != null) {
            return;
        }
        ChannelFuture f = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.maxBackoff().toMillis() + 1000)
                .handler(initializer(HandshakeHandler.Side.CLIENT))
                .connect(settings.peer(), sourceAddress());
        outbound = f.channel();
        outboundChannels.add(outbound);
        f.addListener((ChannelFuture done) -> {
            if (!done.isSuccess()) {
                LOG.debug("peer-link connect to {} failed: {}", settings.peer(), done.cause().getMessage());
            }
        });
        f.channel().closeFuture().addListener(x -> {
            outboundChannels.remove(f.channel());
            if (outbound == f.channel()) {
                outbound = null;
            }
            scheduleConnect();
        });
    }

    private void scheduleConnect() {
        if (closed || current != null || outbound != null || connectTimer != null) {
            return;
        }
        connectTimer = loop.schedule(this::connect, backoff.next(), TimeUnit.NANOSECONDS);
    }

    /**
     * Connections leave from the configured local address (port chosen by the kernel), so
     * the peer sees them come from the address it expects whatever the routing table says.
     */
    private InetSocketAddress sourceAddress() {
        java.net.InetAddress local = settings.local().getAddress();
        return local == null || local.isAnyLocalAddress() ? null : new InetSocketAddress(local, 0);
    }

    /**
     * Only the peer may connect, and only a few connections may be handshaking at once; a
     * stranger's connection is closed before it costs more than a socket. Logged the first
     * time and then at every power of two, so a connection flood cannot flood the log.
     */
    private boolean admitInbound(Channel ch) {
        java.net.InetAddress peer = settings.peer().getAddress();
        java.net.InetAddress remote = ((InetSocketAddress) ch.remoteAddress()).getAddress();
        String refusal = null;
        if (peer != null && !peer.isAnyLocalAddress() && !peer.equals(remote)) {
            refusal = "not the peer's address " + peer.getHostAddress();
        } else if (pendingInbound.size() >= MAX_PENDING_HANDSHAKES) {
            refusal = MAX_PENDING_HANDSHAKES + " connections are already handshaking";
        }
        if (refusal == null) {
            pendingInbound.add(ch);
            return true;
        }
        long n = counters.refusedConnections.incrementAndGet();
        if (Long.bitCount(n) == 1) {
            LOG.warn("peer-link refused connection remote={} reason=\"{}\" (refused so far: {})", ch.remoteAddress(),
                    refusal, n);
        } else {
            LOG.debug("peer-link refused connection remote={} reason=\"{}\"", ch.remoteAddress(), refusal);
        }
        return false;
    }

    private ChannelInitializer<Channel> initializer(HandshakeHandler.Side side) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (closed || (side == HandshakeHandler.Side.SERVER && !admitInbound(ch))) {
                    ch.close();
                    return;
                }
                open.add(ch);
                // Not on channelInactive: a connection that never became active (refused) closes without it.
                ch.closeFuture().addListener(f -> open.remove(ch));
                PeerLinkPipeline.configure(ch, side, settings.secret(), counters, settings.handshakeTimeout().toNanos(),
                        side == HandshakeHandler.Side.SERVER ? serverTls : clientTls, settings.peer(), events);
            }
        };
    }

    // ------------------------------------------------------------------ connection events

    private final class Events implements ConnectionEvents {

        @Override
        public void authenticated(Channel ch) {
            pendingInbound.remove(ch);
            if (closed) {
                ch.close();
                return;
            }
            if (current == null) {
                adopt(ch);
                return;
            }
            // Two connections: keep the one the lower address opened; both sides agree.
            if (preferred(ch) && !preferred(current)) {
                Channel old = current;
                replaced.add(old);
                old.attr(Violation.CLOSE_REASON).setIfAbsent("replaced by the preferred connection");
                old.close();
                current = null;
                up = false;
                listener.onDown("connection replaced by the preferred one");
                adopt(ch);
            } else {
                ch.attr(Violation.CLOSE_REASON).setIfAbsent("duplicate connection");
                ch.close();
            }
        }

        @Override
        public void message(Channel ch, PeerMessage message) {
            if (ch == current) {
                listener.onMessage(message);
            }
        }

        @Override
        public void closed(Channel ch, String reason) {
            if (replaced.remove(ch)) {
                return;
            }
            if (ch == current) {
                current = null;
                up = false;
                LOG.info("peer-link down remote={} reason=\"{}\"", ch.remoteAddress(), reason);
                listener.onDown(reason);
                scheduleConnect();
            }
        }
    }

    private void adopt(Channel ch) {
        current = ch;
        up = true;
        backoff.reset();
        cancel(connectTimer);
        connectTimer = null;
        if (everUp) {
            counters.reconnects.incrementAndGet();
        }
        everUp = true;
        LOG.info("peer-link up local={} remote={} {}", ch.localAddress(), ch.remoteAddress(),
                outboundChannels.contains(ch) ? "outbound" : "inbound");
        listener.onUp();
    }

    private boolean preferred(Channel ch) {
        return outboundChannels.contains(ch) == settings.localIsLower();
    }

    // ------------------------------------------------------------------ for tests

    /** The current connection's local and remote addresses, or null when down (on the event loop). */
    InetSocketAddress[] currentEndpoints() {
        Channel c = current;
        return c == null ? null
                : new InetSocketAddress[] {(InetSocketAddress) c.localAddress(), (InetSocketAddress) c.remoteAddress()};
    }

    /** Connections open (authenticated or not), on the event loop. */
    int openConnections() {
        return open.size();
    }

    private void onLoop(Runnable r) {
        if (loop.inEventLoop()) {
            r.run();
        } else {
            loop.execute(r);
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }
}
