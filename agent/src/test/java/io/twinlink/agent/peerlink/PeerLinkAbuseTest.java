package io.twinlink.agent.peerlink;

import static io.twinlink.agent.peerlink.NettyPeerLinkTest.LOOPBACK;
import static io.twinlink.agent.peerlink.NettyPeerLinkTest.SECRET;
import static io.twinlink.agent.peerlink.NettyPeerLinkTest.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a hostile client on the network can do to a listening peer-link, on 127.0.0.0/8 with
 * real sockets: hold connections open without a handshake (slow-loris), trickle bytes, send
 * a length prefix for a frame it never sends, connect from an address that is not the
 * peer's. Every one is closed without memory growth, counted, and the real peer still gets in.
 */
class PeerLinkAbuseTest {

    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final Duration HANDSHAKE = Duration.ofMillis(500);
    private static final InetAddress OTHER_LOOPBACK = loopback(2);

    private final List<EventLoopGroup> groups = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        for (EventLoopGroup g : groups) {
            g.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private EventLoop newLoop() {
        EventLoopGroup g = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        groups.add(g);
        return g.next();
    }

    private NettyPeerLink link(EventLoop loop, InetSocketAddress local, InetSocketAddress peer, Duration handshake,
                               NettyPeerLinkTest.Heard heard) throws IOException {
        NettyPeerLink l = new NettyPeerLink(loop, new PeerLinkSettings(local, peer, SECRET, Optional.empty(), handshake,
                PeerLinkSettings.DEFAULT_MIN_BACKOFF, PeerLinkSettings.DEFAULT_MAX_BACKOFF), heard);
        closeables.add(l);
        l.start();
        await().atMost(DEADLINE).until(() -> l.boundAddress() != null);
        return l;
    }

    private static int open(EventLoop loop, NettyPeerLink link) throws Exception {
        return loop.submit(link::openConnections).get(5, TimeUnit.SECONDS);
    }

    /** True once the server has closed this socket (end of stream or reset); false while it stays open. */
    private static boolean closedByServer(Socket s) throws IOException {
        s.setSoTimeout(20);
        InputStream in = s.getInputStream();
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    @DisplayName("slow-loris: silent connections beyond 4 are refused at once, the 4 time out; nothing stays open")
    void silentConnectionsAreCappedAndTimedOut() throws Exception {
        EventLoop loop = newLoop();
        int port = freePort();
        NettyPeerLink server = link(loop, new InetSocketAddress(LOOPBACK, port),
                new InetSocketAddress(LOOPBACK, freePort()), HANDSHAKE, new NettyPeerLinkTest.Heard());
        long directBefore = usedDirectMemory();
        int waves = 10;
        int perWave = 100;
        for (int w = 0; w < waves; w++) {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < perWave; i++) {
                    sockets.add(new Socket(LOOPBACK, port));
                }
                assertThat(open(loop, server)).isLessThanOrEqualTo(NettyPeerLink.MAX_PENDING_HANDSHAKES + 1);
                // every one of them is closed by the server: refused at once, or at the handshake deadline
                java.util.Set<Socket> closed = new java.util.HashSet<>();
                await().atMost(DEADLINE).until(() -> {
                    for (Socket s : sockets) {
                        if (!closed.contains(s)) {
                            if (!closedByServer(s)) {
                                return false;
                            }
                            closed.add(s);
                        }
                    }
                    return true;
                });
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
        await().atMost(DEADLINE).until(() -> open(loop, server) <= 1); // at most its own outbound attempt
        PeerLinkCounters c = server.counters();
        assertThat(c.refusedConnections()).isGreaterThanOrEqualTo((long) waves * (perWave - NettyPeerLink.MAX_PENDING_HANDSHAKES));
        assertThat(c.refusedConnections() + c.authFailures()).isGreaterThanOrEqualTo((long) waves * perWave);
        long growth = usedDirectMemory() - directBefore;
        System.out.printf("peer-link slow-loris: %d connections, %d refused at once, %d timed out in the handshake,"
                + " direct memory growth %d KB%n", waves * perWave, c.refusedConnections(), c.authFailures(), growth / 1024);
        assertThat(growth).as("direct memory growth").isLessThan(16L << 20);
    }

    @Test
    @DisplayName("slow-loris: a client trickling one byte at a time is closed at the handshake deadline")
    void tricklingClientIsClosedAtTheDeadline() throws Exception {
        EventLoop loop = newLoop();
        int port = freePort();
        NettyPeerLink server = link(loop, new InetSocketAddress(LOOPBACK, port),
                new InetSocketAddress(LOOPBACK, freePort()), HANDSHAKE, new NettyPeerLinkTest.Heard());
        try (Socket s = new Socket(LOOPBACK, port)) {
            // a legal challenge length, then the challenge one octet per 50 ms: it never finishes in time
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeInt(HandshakeHandler.CHALLENGE_LENGTH);
            long start = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < HandshakeHandler.CHALLENGE_LENGTH && !closed; i++) {
                try {
                    out.write(1);
                    out.flush();
                } catch (IOException reset) {
                    closed = true;
                    break;
                }
                closed = closedByServer(s);
                Thread.sleep(30);
            }
            await().atMost(DEADLINE).until(() -> closedByServer(s));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(millis).as("closed after %d ms", millis).isLessThan(HANDSHAKE.toMillis() + 5_000);
        }
        await().atMost(DEADLINE).until(() -> server.counters().authFailures() == 1);
        assertThat(server.isUp()).isFalse();
    }

    @Test
    @DisplayName("a length prefix larger than any handshake message is refused before authentication, at once")
    void oversizedLengthBeforeAuthentication() throws Exception {
        EventLoop loop = newLoop();
        int port = freePort();
        // a handshake deadline far away: only the length can be why the connection closes
        NettyPeerLink server = link(loop, new InetSocketAddress(LOOPBACK, port),
                new InetSocketAddress(LOOPBACK, freePort()), Duration.ofSeconds(60), new NettyPeerLinkTest.Heard());
        try (Socket s = new Socket(LOOPBACK, port)) {
            new DataOutputStream(s.getOutputStream()).writeInt(60_000); // legal after the handshake, not before
            await().atMost(Duration.ofSeconds(5)).until(() -> closedByServer(s));
        }
        await().atMost(DEADLINE).until(() -> server.counters().malformed() == 1);
        assertThat(server.counters().authFailures()).isZero();
    }

    @Test
    @DisplayName("only the peer's address may connect; the real peer, bound to its configured address, gets in")
    void onlyThePeersAddressMayConnect() throws Exception {
        int pa = freePort();
        int pb = freePort();
        EventLoop la = newLoop();
        NettyPeerLinkTest.Heard ha = new NettyPeerLinkTest.Heard();
        NettyPeerLink a = link(la, new InetSocketAddress(LOOPBACK, pa), new InetSocketAddress(OTHER_LOOPBACK, pb),
                PeerLinkSettings.DEFAULT_HANDSHAKE_TIMEOUT, ha);
        try (Socket stranger = new Socket(LOOPBACK, pa)) { // from 127.0.0.1, the peer is 127.0.0.2
            await().atMost(Duration.ofSeconds(5)).until(() -> closedByServer(stranger));
        }
        assertThat(a.counters().refusedConnections()).isGreaterThanOrEqualTo(1);

        NettyPeerLinkTest.Heard hb = new NettyPeerLinkTest.Heard();
        NettyPeerLink b = link(newLoop(), new InetSocketAddress(OTHER_LOOPBACK, pb), new InetSocketAddress(LOOPBACK, pa),
                PeerLinkSettings.DEFAULT_HANDSHAKE_TIMEOUT, hb);
        await().atMost(DEADLINE).until(() -> a.isUp() && b.isUp());
        assertThat(a.counters().authFailures() + b.counters().authFailures()).isZero();
    }

    private static long usedDirectMemory() {
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p) {
            return p.metric().usedDirectMemory();
        }
        return 0;
    }
}
