package io.twinlink.agent.peerlink;

import static io.twinlink.agent.peerlink.NettyPeerLinkTest.LOOPBACK;
import static io.twinlink.agent.peerlink.NettyPeerLinkTest.SECRET;
import static io.twinlink.agent.peerlink.NettyPeerLinkTest.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.twinlink.mlag.Heartbeat;
import io.twinlink.mlag.Role;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer-link with TLS on 127.0.0.1, using a self-signed certificate that {@code openssl}
 * makes at test time (skipped when openssl is not installed).
 */
class PeerLinkTlsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final List<NettyPeerLink> links = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        links.forEach(NettyPeerLink::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** A P-256 key (PKCS#8 PEM) and a self-signed certificate for it. */
    private PeerLinkTls certificate(String name) throws IOException, InterruptedException {
        Path key = dir.resolve(name + ".key");
        Path cert = dir.resolve(name + ".crt");
        Process p;
        try {
            p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                    "-days", "1", "-subj", "/CN=twinlink-" + name)
                    .redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        } catch (IOException noOpenssl) {
            Assumptions.abort("openssl not installed: " + noOpenssl.getMessage());
            throw noOpenssl;
        }
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                Assumptions.abort("openssl could not make a certificate");
            }
        } finally {
            p.destroyForcibly();
        }
        return new PeerLinkTls(cert, key, cert);
    }

    private NettyPeerLink link(int local, int peer, PeerLinkTls tls, NettyPeerLinkTest.Heard heard) throws IOException {
        PeerLinkSettings s = PeerLinkSettings.of(new InetSocketAddress(LOOPBACK, local),
                new InetSocketAddress(LOOPBACK, peer), SECRET);
        NettyPeerLink l = new NettyPeerLink(group.next(), tls == null ? s : s.withTls(tls), heard);
        links.add(l);
        l.start();
        return l;
    }

    @Test
    @DisplayName("TLS on both sides, each trusting the pair's certificate: up, messages flow")
    void tlsPair() throws Exception {
        PeerLinkTls tls = certificate("pair");
        int pa = freePort();
        int pb = freePort();
        NettyPeerLinkTest.Heard hb = new NettyPeerLinkTest.Heard();
        NettyPeerLink a = link(pa, pb, tls, new NettyPeerLinkTest.Heard());
        NettyPeerLink b = link(pb, pa, tls, hb);

        await().atMost(DEADLINE).until(() -> a.isUp() && b.isUp());
        a.send(new Heartbeat(1, Role.PRIMARY, 5));
        await().atMost(DEADLINE).until(() -> hb.messages.contains(new Heartbeat(1, Role.PRIMARY, 5)));
    }

    @Test
    @DisplayName("TLS with a certificate the peer does not trust: never up, counted as authentication failures")
    void untrustedCertificate() throws Exception {
        PeerLinkTls mine = certificate("a");
        PeerLinkTls stranger = certificate("b");
        int pa = freePort();
        int pb = freePort();
        NettyPeerLink a = link(pa, pb, mine, new NettyPeerLinkTest.Heard());
        NettyPeerLink b = link(pb, pa, stranger, new NettyPeerLinkTest.Heard());

        await().atMost(DEADLINE).until(() -> a.counters().authFailures() + b.counters().authFailures() >= 2);
        assertThat(a.isUp() || b.isUp()).isFalse();
    }

    @Test
    @DisplayName("TLS on one side only: never up, counted")
    void plainAgainstTls() throws Exception {
        PeerLinkTls tls = certificate("pair");
        int pa = freePort();
        int pb = freePort();
        NettyPeerLink a = link(pa, pb, tls, new NettyPeerLinkTest.Heard());
        NettyPeerLink b = link(pb, pa, null, new NettyPeerLinkTest.Heard());

        await().atMost(DEADLINE).until(() -> a.counters().authFailures() + a.counters().malformed()
                + b.counters().malformed() + b.counters().authFailures() >= 2);
        assertThat(a.isUp() || b.isUp()).isFalse();
    }

    @Test
    @DisplayName("unreadable TLS files: a one-line error at construction")
    void missingFiles() {
        PeerLinkTls tls = new PeerLinkTls(dir.resolve("none.crt"), dir.resolve("none.key"), dir.resolve("none.crt"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> link(freePort(), freePort(), tls,
                        new NettyPeerLinkTest.Heard()))
                .isInstanceOf(IOException.class).hasMessage("peer-link TLS: cannot read " + dir.resolve("none.crt"));
    }
}
