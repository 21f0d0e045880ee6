package io.twinlink.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServerTest {

    private final ObjectMapper json = ControlJson.mapper();
    private final FixedStateProvider provider = FixedStateProvider.standard();

    @TempDir
    Path dir;

    @AfterEach
    void stopLoop() {
        provider.close();
    }

    /** A raw client: exactly what goes over the socket, no ControlClient in between. */
    private JsonNode ask(Path socket, String requestLine) throws IOException {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            c.write(ByteBuffer.wrap((requestLine + "\n").getBytes(StandardCharsets.UTF_8)));
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            while (c.read(buf) >= 0) {
                // the server closes after its one answer line
            }
            String answer = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
            assertThat(answer).endsWith("\n").hasLineCount(1);
            return json.readTree(answer);
        }
    }

    @Test
    void answersShowLacpAndPortsWithTheProvidersSnapshots() throws Exception {
        Path socket = dir.resolve("twinlink.sock");
        try (ControlServer server = ControlServer.start(socket, provider)) {
            JsonNode lacp = ask(socket, "{\"command\":\"show\",\"what\":\"lacp\"}");
            assertThat(lacp.get("ok").asBoolean()).isTrue();
            assertThat(lacp.get("data")).isEqualTo(json.readTree(json.writeValueAsString(Snapshots.lacp())));
            JsonNode ports = ask(socket, "{\"command\":\"show\",\"what\":\"ports\"}");
            assertThat(ports.get("data")).isEqualTo(json.readTree(json.writeValueAsString(Snapshots.ports())));
            assertThat(server.path()).isEqualTo(socket);
        }
        assertThat(provider.requests.get()).isEqualTo(2);
    }

    @Test
    void theClientReadsSnapshotsBackAsRecords() throws Exception {
        Path socket = dir.resolve("twinlink.sock");
        try (ControlServer ignored = ControlServer.start(socket, provider)) {
            ControlClient client = new ControlClient(socket, Duration.ofSeconds(5));
            assertThat(client.show("lacp", LacpSnapshot.class)).isEqualTo(Snapshots.lacp());
            assertThat(client.show("ports", PortsSnapshot.class)).isEqualTo(Snapshots.ports());
        }
    }

    @Test
    void socketIsRootOnlyAndItsMissingDirectoriesAre0755() throws Exception {
        Path socket = dir.resolve("run/twinlink/twinlink.sock");
        try (ControlServer ignored = ControlServer.start(socket, provider)) {
            int mode = (Integer) Files.getAttribute(socket, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            assertThat(mode & 0170000).as("a socket").isEqualTo(0140000);
            assertThat(Integer.toOctalString(mode & 07777)).isEqualTo("600");
            assertThat(Files.getAttribute(socket, "unix:uid")).isEqualTo(Files.getAttribute(dir, "unix:uid"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("run")))).isEqualTo("rwxr-xr-x");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent()))).isEqualTo("rwxr-xr-x");
            try (var listing = Files.list(socket.getParent())) {
                assertThat(listing).as("no staging directory left behind").containsExactly(socket);
            }
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void aStaleSocketFromACrashedAgentIsReplaced() throws Exception {
        Path socket = dir.resolve("twinlink.sock");
        ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        crashed.bind(UnixDomainSocketAddress.of(socket));
        crashed.close(); // the JDK leaves the file behind, as a killed agent would
        assertThat(socket).exists();
        try (ControlServer ignored = ControlServer.start(socket, provider)) {
            assertThat(ask(socket, "{\"command\":\"show\",\"what\":\"lacp\"}").get("ok").asBoolean()).isTrue();
        }
    }

    @Test
    void aLiveAgentOrAForeignFileIsNeverReplaced() throws Exception {
        Path socket = dir.resolve("twinlink.sock");
        try (ControlServer ignored = ControlServer.start(socket, provider)) {
            assertThatThrownBy(() -> ControlServer.start(socket, provider))
                    .isInstanceOf(IOException.class)
                    .hasMessage("another agent is already listening on " + socket);
            assertThat(ask(socket, "{\"command\":\"show\",\"what\":\"ports\"}").get("ok").asBoolean()).isTrue();
        }
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");
        assertThatThrownBy(() -> ControlServer.start(file, provider))
                .isInstanceOf(IOException.class)
                .hasMessage(file + " exists and is not a socket; refusing to replace it");
        assertThat(file).hasContent("keep me");
    }

    @Test
    void closeLeavesASocketThatAnotherAgentHasSinceBoundAlone() throws Exception {
        Path socket = dir.resolve("twinlink.sock");
        ControlServer first = ControlServer.start(socket, provider);
        Files.delete(socket); // an operator removed it and a second agent took the path
        try (ControlServer second = ControlServer.start(socket, provider)) {
            first.close();
            assertThat(socket).exists();
            assertThat(ask(socket, "{\"command\":\"show\",\"what\":\"lacp\"}").get("ok").asBoolean()).isTrue();
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void badRequestsGetOneLineErrors() throws Exception {
        Path socket = dir.resolve("twinlink.sock");
        try (ControlServer ignored = ControlServer.start(socket, provider)) {
            assertThat(error(socket, "show lacp")).isEqualTo("bad request: not JSON");
            assertThat(error(socket, "[1,2]")).isEqualTo("bad request: expected a JSON object");
            assertThat(error(socket, "{}")).isEqualTo("bad request: no \"command\"");
            assertThat(error(socket, "{\"command\":\"reboot\"}")).isEqualTo("unknown command \"reboot\"");
            assertThat(error(socket, "{\"command\":\"show\",\"what\":\"vlans\"}"))
                    .isEqualTo("show what? \"vlans\" is not one of lacp, ports, stp, mlag");
            assertThat(error(socket, "{\"command\":\"show\",\"what\":\"stp\"}")).isEqualTo("STP is not running in this agent");
            assertThat(error(socket, "{\"command\":\"show\",\"what\":\"mlag\"}")).isEqualTo("MC-LAG is not running in this agent");
        }
        assertThat(provider.requests.get()).as("no state read for a bad request").isZero();
    }

    @Test
    void aFailingOrSilentEventLoopIsAnErrorNotAHang() throws Exception {
        StateProvider broken = new StateProvider() {
            @Override
            public CompletionStage<LacpSnapshot> lacp() {
                return CompletableFuture.failedFuture(new IllegalStateException("engine stopped"));
            }

            @Override
            public CompletionStage<PortsSnapshot> ports() {
                return new CompletableFuture<>(); // never completes: a stuck loop
            }
        };
        Path socket = dir.resolve("twinlink.sock");
        try (ControlServer ignored = ControlServer.start(socket, broken, Duration.ofMillis(100))) {
            assertThat(error(socket, "{\"command\":\"show\",\"what\":\"lacp\"}")).isEqualTo("cannot read lacp state: engine stopped");
            assertThat(error(socket, "{\"command\":\"show\",\"what\":\"ports\"}"))
                    .isEqualTo("the agent's event loop did not answer within 100 ms");
        }
    }

    @Test
    void clientReportsAMissingOrDeadAgentInOneLine() throws Exception {
        Path socket = dir.resolve("twinlink.sock");
        ControlClient client = new ControlClient(socket, Duration.ofSeconds(5));
        assertThatThrownBy(() -> client.show("lacp"))
                .isInstanceOf(ControlException.class)
                .hasMessage("agent not running: no control socket at " + socket);
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket));
        dead.close();
        assertThatThrownBy(() -> client.show("lacp"))
                .isInstanceOf(ControlException.class)
                .hasMessage("agent not running: nothing listens on " + socket);
    }

    @Test
    void clientGivesUpOnAnAgentThatNeverAnswers() throws Exception {
        Path socket = dir.resolve("mute.sock");
        try (ServerSocketChannel mute = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            mute.bind(UnixDomainSocketAddress.of(socket)); // accepts into the backlog, never answers
            ControlClient client = new ControlClient(socket, Duration.ofMillis(200));
            assertThatThrownBy(() -> client.show("lacp"))
                    .isInstanceOf(ControlException.class)
                    .hasMessage("no answer from the agent within 200 ms");
        }
    }

    private String error(Path socket, String line) throws IOException {
        JsonNode answer = ask(socket, line);
        assertThat(answer.get("ok").asBoolean()).isFalse();
        return answer.get("error").asText();
    }
}
