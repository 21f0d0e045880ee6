package io.twinlink.agent.peerlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings, the secret file, and the pieces of connection management that need no socket. */
class PeerLinkSettingsTest {

    private static PeerLinkSettings settings(String local, int localPort, String peer, int peerPort) {
        return PeerLinkSettings.of(new InetSocketAddress(local, localPort), new InetSocketAddress(peer, peerPort),
                SharedSecret.of("0123456789abcdef"));
    }

    @Test
    @DisplayName("tie-break: exactly one side of a pair is the lower, by address octets then port")
    void tieBreakIsSymmetric() {
        String[][] pairs = {{"169.254.1.1", "169.254.1.2"}, {"10.0.0.9", "10.0.0.10"}, {"127.0.0.1", "127.0.0.1"}};
        for (String[] p : pairs) {
            PeerLinkSettings a = settings(p[0], 9888, p[1], 9889);
            PeerLinkSettings b = settings(p[1], 9889, p[0], 9888);
            assertThat(a.localIsLower()).isNotEqualTo(b.localIsLower());
        }
        assertThat(settings("10.0.0.9", 9888, "10.0.0.10", 9888).localIsLower()).as("numeric, not textual").isTrue();
        assertThat(settings("127.0.0.1", 2000, "127.0.0.1", 1000).localIsLower()).isFalse();
    }

    @Test
    @DisplayName("the same address on both ends is refused")
    void sameAddressRefused() {
        assertThatThrownBy(() -> settings("127.0.0.1", 1, "127.0.0.1", 1)).hasMessageContaining("are the same");
    }

    @Test
    @DisplayName("secret file: contents trimmed; fewer than 16 octets refused with a one-line reason naming the file")
    void secretFile(@TempDir Path dir) throws IOException {
        Path good = privateFile(dir.resolve("peer.key"), "  0123456789abcdef\n");
        assertThat(SharedSecret.read(good).toString()).isEqualTo("SharedSecret[16 octets]");
        Path tooShort = privateFile(dir.resolve("short.key"), "0123456789abcde \n\n");
        assertThatThrownBy(() -> SharedSecret.read(tooShort)).isInstanceOf(IOException.class)
                .hasMessage("secret file " + tooShort + ": the secret is 15 octets, at least 16 are needed");
        assertThatThrownBy(() -> SharedSecret.read(dir.resolve("missing.key"))).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot read secret file " + dir.resolve("missing.key"));
    }

    @Test
    @DisplayName("secret file others can read: refused at start with a one-line reason")
    void worldReadableSecretFile(@TempDir Path dir) throws IOException {
        Path open = Files.writeString(dir.resolve("open.key"), "0123456789abcdef\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> SharedSecret.read(open)).isInstanceOf(IOException.class)
                .hasMessage("secret file " + open + " is readable by other users (mode rw-r--r--): chmod 600 it");
    }

    private static Path privateFile(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    @DisplayName("trimming makes a trailing newline irrelevant: both spellings derive the same keys")
    void trimmedSecretsAgree() {
        byte[] a = SharedSecret.of("0123456789abcdef\n").derive("x");
        byte[] b = SharedSecret.of("0123456789abcdef").derive("x");
        assertThat(a).isEqualTo(b);
        assertThat(SharedSecret.of("0123456789abcdeF").derive("x")).isNotEqualTo(a);
    }

    @Test
    @DisplayName("reconnect backoff: 100 ms after a loss, doubling to 1 s, back to 100 ms after success")
    void backoff() {
        ReconnectBackoff b = new ReconnectBackoff(TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.SECONDS.toNanos(1));
        long[] ms = new long[6];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = TimeUnit.NANOSECONDS.toMillis(b.next());
        }
        assertThat(ms).containsExactly(100, 200, 400, 800, 1000, 1000);
        b.reset();
        assertThat(TimeUnit.NANOSECONDS.toMillis(b.next())).isEqualTo(100);
    }

    @Test
    @DisplayName("session keys: one per direction, the client's send key is the server's receive key, fresh per nonce pair")
    void sessionKeys() {
        SharedSecret s = SharedSecret.of("0123456789abcdef");
        byte[] n1 = new byte[32];
        byte[] n2 = new byte[32];
        n2[0] = 1;
        SessionKeys client = SessionKeys.derive(s, n1, n2, true);
        SessionKeys server = SessionKeys.derive(s, n1, n2, false);
        assertThat(client.send()).isEqualTo(server.receive());
        assertThat(client.receive()).isEqualTo(server.send());
        assertThat(client.send()).isNotEqualTo(client.receive());
        assertThat(SessionKeys.derive(s, n2, n1, true).send()).isNotEqualTo(client.send());
    }
}
