package io.twinlink.agent.peerlink;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.ScheduledFuture;
import io.twinlink.mlag.Keepalive;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backup keepalive path (DESIGN.md "MC-LAG pair": dual-active detection): authenticated
 * UDP datagrams ({@link KeepaliveDatagram}) on the caller's event loop. It only carries:
 * {@link #send} puts one keepalive on the wire (the pair logic sends one every heartbeat
 * interval), and every authentic, fresh keepalive received goes to the listener; the pair
 * logic decides alive or dead from them (dead after three silent intervals).
 */
public final class BackupKeepalive implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackupKeepalive.class);
    private static final long BIND_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EventLoop loop;
    private final BackupSettings settings;
    private final Consumer<Keepalive> listener;
    private final KeepaliveDatagram sealer;
    private final KeepaliveDatagram opener;
    private final long epoch;
    private final Counters counters = new Counters();
    private long seq;
    private Channel channel;
    private ScheduledFuture<?> bindTimer;
    private String lastError;
    private boolean closed;

    /** What the backup path sent, accepted and refused. */
    public static final class Counters {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        final AtomicLong authFailures = new AtomicLong();
        final AtomicLong replays = new AtomicLong();
        final AtomicLong malformed = new AtomicLong();

        public long sent() {
            return sent.get();
        }

        public long received() {
            return received.get();
        }

        public long authFailures() {
            return authFailures.get();
        }

        public long replays() {
            return replays.get();
        }

        public long malformed() {
            return malformed.get();
        }
    }

    /** @param epochMillis when this agent started, wall clock (see {@link KeepaliveDatagram}) */
    public BackupKeepalive(EventLoop loop, BackupSettings settings, long epochMillis, Consumer<Keepalive> listener) {
        this.loop = loop;
        this.settings = settings;
        this.listener = listener;
        this.sealer = new KeepaliveDatagram(settings.secret());
        this.opener = new KeepaliveDatagram(settings.secret());
        this.epoch = epochMillis;
    }

    public BackupKeepalive(EventLoop loop, BackupSettings settings, Consumer<Keepalive> listener) {
        this(loop, settings, System.currentTimeMillis(), listener);
    }

    public void start() {
        onLoop(this::bind);
    }

    /** Sends one keepalive to the peer; dropped (not queued) while the socket is not bound. */
    public void send(Keepalive keepalive) {
        onLoop(() -> {
            if (channel == null) {
                return;
            }
            byte[] datagram = sealer.seal(epoch, ++seq, keepalive);
            channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), settings.target()))
                    .addListener(f -> {
                        if (f.isSuccess()) {
                            counters.sent.incrementAndGet();
                        } else {
                            logOnce("backup keepalive to " + settings.target() + " failed: " + f.cause().getMessage());
                        }
                    });
        });
    }

    public Counters counters() {
        return counters;
    }

    /** The bound address, or null before binding. */
    public InetSocketAddress boundAddress() {
        Channel c = channel;
        return c == null ? null : (InetSocketAddress) c.localAddress();
    }

    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        onLoop(() -> {
            closed = true;
            if (bindTimer != null) {
                bindTimer.cancel(false);
            }
            if (channel == null) {
                done.complete(null);
            } else {
                channel.close().addListener(f -> done.complete(null));
            }
        });
        if (!loop.inEventLoop()) {
            try {
                done.get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("backup keepalive close did not finish: {}", e.getMessage());
            }
        }
    }

    private void bind() {
        if (closed || channel != null) {
            return;
        }
        new Bootstrap().group(loop).channel(NioDatagramChannel.class).handler(new Receiver())
                .bind(settings.bind()).addListener((ChannelFuture f) -> {
                    if (f.isSuccess() && !closed) {
                        channel = f.channel();
                        lastError = null;
                        LOG.info("backup keepalive on {} to {}", channel.localAddress(), settings.target());
                    } else if (f.isSuccess()) {
                        f.channel().close();
                    } else {
                        logOnce("backup keepalive cannot bind " + settings.bind() + ": " + f.cause().getMessage()
                                + "; retrying every second");
                        bindTimer = loop.schedule(this::bind, BIND_RETRY_NANOS, TimeUnit.NANOSECONDS);
                    }
                });
    }

    private void logOnce(String message) {
        if (!message.equals(lastError)) {
            LOG.warn(message);
            lastError = message;
        }
    }

    private void onLoop(Runnable r) {
        if (loop.inEventLoop()) {
            r.run();
        } else {
            loop.execute(r);
        }
    }

    private final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            ByteBuf content = packet.content();
            byte[] datagram = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), datagram);
            Keepalive keepalive;
            try {
                keepalive = opener.open(datagram);
            } catch (KeepaliveDatagram.Refused r) {
                AtomicLong counter = switch (r.kind) {
                    case AUTH -> counters.authFailures;
                    case REPLAY -> counters.replays;
                    case MALFORMED -> counters.malformed;
                };
                counter.incrementAndGet();
                LOG.debug("backup keepalive from {} refused: {}", packet.sender(), r.getMessage());
                return;
            }
            counters.received.incrementAndGet();
            listener.accept(keepalive);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable and the like: the peer is not there yet; keep the socket.
            LOG.debug("backup keepalive socket: {}", cause.getMessage());
        }
    }
}
