package io.twinlink.agent.peerlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.twinlink.mlag.BundleProfile;
import io.twinlink.mlag.BundleState;
import io.twinlink.mlag.Heartbeat;
import io.twinlink.mlag.Hello;
import io.twinlink.mlag.Keepalive;
import io.twinlink.mlag.MacEntry;
import io.twinlink.mlag.MacSync;
import io.twinlink.mlag.NodeId;
import io.twinlink.mlag.PeerMessageCodec;
import io.twinlink.mlag.PortNumbering;
import io.twinlink.mlag.SpanningTreeMode;
import io.twinlink.wire.MacAddress;
import io.twinlink.mlag.PeerMessage;
import io.twinlink.mlag.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Two real peer-links over TCP on 127.0.0.1 (ephemeral ports), each on its own event loop as
 * in two daemons. Polls with a deadline, never sleeps for a fixed time. Nothing leaves
 * 127.0.0.0/8.
 */
class NettyPeerLinkTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final SharedSecret SECRET = SharedSecret.of("0123456789abcdef-twinlink-pair-1");
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final List<EventLoopGroup> groups = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** What a listener heard, readable from the test thread. */
    static final class Heard implements PeerLink.Listener {
        final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<PeerMessage> messages = new ConcurrentLinkedQueue<>();
        volatile int ups;
        volatile int downs;

        @Override
        public void onUp() {
            ups++;
            events.add("up");
        }

        @Override
        public void onDown(String reason) {
            downs++;
            events.add("down: " + reason);
        }

        @Override
        public void onMessage(PeerMessage message) {
            messages.add(message);
        }
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        for (EventLoopGroup g : groups) {
            g.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    EventLoop newLoop() {
        EventLoopGroup g = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        groups.add(g);
        return g.next();
    }

    /** A port nobody listens on right now (the kernel's choice); good enough on loopback. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    private NettyPeerLink link(EventLoop loop, int local, int peer, SharedSecret secret, Heard heard) throws IOException {
        NettyPeerLink l = new NettyPeerLink(loop, PeerLinkSettings.of(new InetSocketAddress(LOOPBACK, local),
                new InetSocketAddress(LOOPBACK, peer), secret), heard);
        closeables.add(l);
        l.start();
        return l;
    }

    private static <T> T onLoop(EventLoop loop, Callable<T> c) throws Exception {
        return loop.submit(c).get(5, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("two peer-links connect, settle on one and the same connection, exchange heartbeats in order")
    void connectAndExchange() throws Exception {
        int pa = freePort();
        int pb = freePort();
        EventLoop la = newLoop();
        EventLoop lb = newLoop();
        Heard ha = new Heard();
        Heard hb = new Heard();
        NettyPeerLink a = link(la, pa, pb, SECRET, ha);
        NettyPeerLink b = link(lb, pb, pa, SECRET, hb);

        await().atMost(DEADLINE).until(() -> a.isUp() && b.isUp());
        // Both sides connected at once: wait until the duplicate is gone, then check who survived.
        await().atMost(DEADLINE).until(() -> onLoop(la, a::openConnections) == 1 && onLoop(lb, b::openConnections) == 1);
        InetSocketAddress[] ea = onLoop(la, a::currentEndpoints);
        InetSocketAddress[] eb = onLoop(lb, b::currentEndpoints);
        assertThat(ea[0]).isEqualTo(eb[1]);
        assertThat(ea[1]).isEqualTo(eb[0]);
        for (int i = 0; i < 20; i++) {
            assertThat(a.send(new Heartbeat(i, Role.PRIMARY, i * 100L))).isTrue();
            assertThat(b.send(new Heartbeat(i, Role.SECONDARY, i * 100L))).isTrue();
        }
        await().atMost(DEADLINE).until(() -> hb.messages.size() == 20 && ha.messages.size() == 20);
        assertThat(hb.messages).first().isEqualTo(new Heartbeat(0, Role.PRIMARY, 0));
        assertThat(hb.messages).extracting(m -> ((Heartbeat) m).seq()).isSorted();
        assertThat(a.counters().authFailures() + b.counters().authFailures()).isZero();
        assertThat(a.counters().replays() + a.counters().malformed()).isZero();
    }

    @Test
    @DisplayName("every message type crosses, the largest MAC sync the codec allows included")
    void everyMessageType() throws Exception {
        int pa = freePort();
        int pb = freePort();
        Heard hb = new Heard();
        EventLoop la = newLoop();
        EventLoop lb = newLoop();
        NettyPeerLink a = link(la, pa, pb, SECRET, new Heard());
        NettyPeerLink b = link(lb, pb, pa, SECRET, hb);
        await().atMost(DEADLINE).until(() -> a.isUp() && b.isUp()
                && onLoop(la, a::openConnections) == 1 && onLoop(lb, b::openConnections) == 1);
        List<MacEntry> entries = new ArrayList<>();
        for (int i = 0; i < PeerMessageCodec.MAX_MAC_ENTRIES; i++) {
            entries.add(new MacEntry(MacAddress.of(0x0200_0000_0000L + i), i % 4096, 1 + i % 100));
        }
        List<PeerMessage> all = List.of(
                new Hello(1, 1, 32768, MacAddress.of(0x0200000000aaL), new NodeId(100, MacAddress.of(1)),
                        PortNumbering.LOWER_HALF, SpanningTreeMode.RSTP, List.of(new BundleProfile(10, 10, 2, true))),
                new Heartbeat(1, Role.PRIMARY, 10), new BundleState(10, true, false),
                new MacSync(entries, List.of()), new Keepalive(1, new NodeId(100, MacAddress.of(1)), Role.PRIMARY));
        all.forEach(a::send);
        await().atMost(DEADLINE).until(() -> hb.messages.size() == all.size());
        assertThat(new ArrayList<>(hb.messages)).isEqualTo(all);
        assertThat(b.counters().malformed()).isZero();
    }

    @Test
    @DisplayName("peer closed -> the other reports down; peer restarted on the same port -> reconnects by itself")
    void downAndReconnect() throws Exception {
        int pa = freePort();
        int pb = freePort();
        EventLoop la = newLoop();
        Heard ha = new Heard();
        NettyPeerLink a = link(la, pa, pb, SECRET, ha);
        NettyPeerLink b = link(newLoop(), pb, pa, SECRET, new Heard());
        await().atMost(DEADLINE).until(() -> a.isUp() && b.isUp());
        await().atMost(DEADLINE).until(() -> onLoop(la, a::openConnections) == 1);
        int downsBefore = ha.downs;

        b.close();
        await().atMost(DEADLINE).until(() -> !a.isUp());
        assertThat(ha.downs).isEqualTo(downsBefore + 1);
        assertThat(a.send(new Heartbeat(1, Role.PRIMARY, 0))).isFalse();

        Heard hb2 = new Heard();
        NettyPeerLink b2 = link(newLoop(), pb, pa, SECRET, hb2);
        await().atMost(DEADLINE).until(() -> a.isUp() && b2.isUp());
        assertThat(a.counters().reconnects()).isGreaterThanOrEqualTo(1);
        a.send(new Heartbeat(42, Role.PRIMARY, 0));
        await().atMost(DEADLINE).until(() -> hb2.messages.contains(new Heartbeat(42, Role.PRIMARY, 0)));
    }

    @Test
    @DisplayName("drop() closes the current connection; the link comes back by itself")
    void dropReconnects() throws Exception {
        int pa = freePort();
        int pb = freePort();
        Heard ha = new Heard();
        NettyPeerLink a = link(newLoop(), pa, pb, SECRET, ha);
        NettyPeerLink b = link(newLoop(), pb, pa, SECRET, new Heard());
        await().atMost(DEADLINE).until(() -> a.isUp() && b.isUp());
        int ups = ha.ups;

        a.drop("3 heartbeat intervals without a word from the peer");

        await().atMost(DEADLINE).until(() -> ha.events.contains("down: 3 heartbeat intervals without a word from the peer"));
        await().atMost(DEADLINE).until(() -> ha.ups > ups && a.isUp() && b.isUp());
    }

    @Test
    @DisplayName("a peer with the wrong secret never comes up; failures are counted on both sides")
    void wrongSecretRefused() throws Exception {
        int pa = freePort();
        int pb = freePort();
        Heard ha = new Heard();
        Heard hb = new Heard();
        NettyPeerLink a = link(newLoop(), pa, pb, SECRET, ha);
        NettyPeerLink b = link(newLoop(), pb, pa, SharedSecret.of("a different secret, also long enough"), hb);

        await().atMost(DEADLINE).until(() -> a.counters().authFailures() >= 2 && b.counters().authFailures() >= 2);
        assertThat(ha.ups + hb.ups).isZero();
        assertThat(a.isUp() || b.isUp()).isFalse();
    }

    @Test
    @DisplayName("a raw TCP client sending junk is refused: counted, its connection closed")
    void junkClientRefused() throws Exception {
        int pa = freePort();
        NettyPeerLink a = link(newLoop(), pa, freePort(), SECRET, new Heard());
        await().atMost(DEADLINE).until(() -> a.boundAddress() != null);

        try (Socket junk = new Socket(LOOPBACK, pa)) {
            junk.setSoTimeout(5000);
            OutputStream out = junk.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: twinlink\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = junk.getInputStream();
            // The server's side closes: read returns -1 (end of stream) or the reset surfaces.
            int r;
            try {
                r = in.read();
            } catch (IOException reset) {
                r = -1;
            }
            assertThat(r).isEqualTo(-1);
        }
        await().atMost(DEADLINE).until(() -> a.counters().malformed() == 1);
        assertThat(a.isUp()).isFalse();
    }
}
