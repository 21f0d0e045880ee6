package io.twinlink.agent.peerlink;

import static io.twinlink.agent.peerlink.NettyPeerLinkTest.LOOPBACK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.twinlink.mlag.Keepalive;
import io.twinlink.mlag.NodeId;
import io.twinlink.mlag.Role;
import io.twinlink.wire.MacAddress;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The UDP backup keepalive on 127.0.0.1: delivery, and refusal of forged, replayed and malformed datagrams. */
class BackupKeepaliveTest {

    private static final SharedSecret SECRET = NettyPeerLinkTest.SECRET;
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Keepalive FROM_A = new Keepalive(1, new NodeId(100, MacAddress.of(0x020000000001L)),
            Role.PRIMARY);

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private BackupKeepalive a;
    private BackupKeepalive b;
    private final ConcurrentLinkedQueue<Keepalive> heardByB = new ConcurrentLinkedQueue<>();

    @AfterEach
    void cleanUp() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, LOOPBACK)) {
            return s.getLocalPort();
        }
    }

    private void startPair(SharedSecret secretOfA) throws IOException {
        int pa = freeUdpPort();
        int pb = freeUdpPort();
        a = new BackupKeepalive(group.next(), new BackupSettings(new InetSocketAddress(LOOPBACK, pa),
                new InetSocketAddress(LOOPBACK, pb), secretOfA), 1000, k -> { });
        b = new BackupKeepalive(group.next(), new BackupSettings(new InetSocketAddress(LOOPBACK, pb),
                new InetSocketAddress(LOOPBACK, pa), SECRET), 2000, heardByB::add);
        a.start();
        b.start();
        await().atMost(DEADLINE).until(() -> a.boundAddress() != null && b.boundAddress() != null);
    }

    private void sendRaw(byte[] datagram) throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, LOOPBACK)) {
            s.send(new DatagramPacket(datagram, datagram.length, b.boundAddress()));
        }
    }

    @Test
    @DisplayName("authentic keepalives are delivered, in order, with their content")
    void delivered() throws IOException {
        startPair(SECRET);
        for (int i = 0; i < 5; i++) {
            a.send(FROM_A);
        }
        await().atMost(DEADLINE).until(() -> heardByB.size() == 5);
        assertThat(heardByB).containsOnly(FROM_A);
        assertThat(a.counters().sent()).isEqualTo(5);
        assertThat(b.counters().received()).isEqualTo(5);
    }

    @Test
    @DisplayName("keepalives under another secret are refused and counted")
    void wrongSecret() throws IOException {
        startPair(SharedSecret.of("not the pair's secret at all!!"));
        a.send(FROM_A);
        a.send(FROM_A);
        await().atMost(DEADLINE).until(() -> b.counters().authFailures() == 2);
        assertThat(heardByB).isEmpty();
    }

    @Test
    @DisplayName("a replayed or reordered datagram is dropped and counted; a later epoch (the peer restarted) is accepted")
    void replays() throws IOException {
        startPair(SECRET);
        KeepaliveDatagram sealer = new KeepaliveDatagram(SECRET);
        byte[] first = sealer.seal(5000, 1, FROM_A);
        byte[] second = sealer.seal(5000, 2, FROM_A);

        sendRaw(second);
        await().atMost(DEADLINE).until(() -> heardByB.size() == 1);
        sendRaw(second);
        sendRaw(first);
        await().atMost(DEADLINE).until(() -> b.counters().replays() == 2);
        sendRaw(sealer.seal(4999, 99, FROM_A)); // an earlier run's datagram
        await().atMost(DEADLINE).until(() -> b.counters().replays() == 3);
        sendRaw(sealer.seal(6000, 1, FROM_A)); // the peer restarted
        await().atMost(DEADLINE).until(() -> heardByB.size() == 2);
    }

    @Test
    @DisplayName("garbage and truncated datagrams are counted malformed, never delivered")
    void malformed() throws IOException {
        startPair(SECRET);
        sendRaw(new byte[] {1, 2, 3});
        byte[] sealed = new KeepaliveDatagram(SECRET).seal(7000, 1, FROM_A);
        sendRaw(java.util.Arrays.copyOf(sealed, KeepaliveDatagram.MIN_LENGTH - 1));
        await().atMost(DEADLINE).until(() -> b.counters().malformed() == 2);
        assertThat(heardByB).isEmpty();
    }

    @Test
    @DisplayName("KeepaliveDatagram: a flipped bit anywhere fails the MAC; a non-keepalive payload is refused")
    void datagramChecks() throws KeepaliveDatagram.Refused {
        KeepaliveDatagram sealer = new KeepaliveDatagram(SECRET);
        byte[] sealed = sealer.seal(1, 1, FROM_A);
        for (int i = 0; i < sealed.length; i++) {
            byte[] bad = sealed.clone();
            bad[i] ^= 0x40;
            KeepaliveDatagram opener = new KeepaliveDatagram(SECRET);
            assertThatThrownBy(() -> opener.open(bad)).isInstanceOf(KeepaliveDatagram.Refused.class)
                    .satisfies(e -> assertThat(((KeepaliveDatagram.Refused) e).kind)
                            .isEqualTo(KeepaliveDatagram.Refusal.AUTH));
        }
        assertThat(new KeepaliveDatagram(SECRET).open(sealed)).isEqualTo(FROM_A);
    }
}
