package io.twinlink.agent.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.twinlink.agent.config.ControlConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The CLI's end of the control socket: one request, one answer, a deadline on both. */
public final class ControlClient {

    public static final Path DEFAULT_SOCKET = ControlConfig.DEFAULT_SOCKET;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** Plenty for a thousand ports; a bound so a confused peer cannot exhaust memory. */
    private static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;

    private final ObjectMapper json = ControlJson.mapper();
    private final Path socket;
    private final Duration timeout;

    public ControlClient(Path socket, Duration timeout) {
        this.socket = socket;
        this.timeout = timeout;
    }

    /** {@code show what} and the {@code data} of a successful answer. */
    public JsonNode show(String what) {
        JsonNode answer = exchange(json.createObjectNode().put("command", "show").put("what", what).toString());
        if (!answer.path("ok").asBoolean(false)) {
            throw new ControlException(answer.path("error").asText("the agent refused the request without a reason"));
        }
        JsonNode data = answer.get("data");
        if (data == null || !data.isObject()) {
            throw new ControlException("the agent's answer has no data");
        }
        return data;
    }

    /** Converts {@link #show}'s data into a snapshot record. */
    public <T> T show(String what, Class<T> type) {
        JsonNode data = show(what);
        try {
            return json.treeToValue(data, type);
        } catch (JsonProcessingException e) {
            throw new ControlException("cannot understand the agent's answer: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new ControlException("cannot understand the agent's answer: " + e.getMessage());
        }
    }

    private JsonNode exchange(String request) {
        SocketChannel channel = connect();
        // Closing the channel from another thread wakes a blocked read: our deadline.
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(() -> closeQuietly(channel),
                CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        try (channel) {
            ByteBuffer out = ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            String line = readLine(channel);
            if (line == null) {
                throw new ControlException("the agent closed the control socket without answering");
            }
            return json.readTree(line);
        } catch (ClosedChannelException e) { // includes AsynchronousCloseException from the deadline
            long ms = timeout.toMillis();
            throw new ControlException("no answer from the agent within " + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms"));
        } catch (JsonProcessingException e) {
            throw new ControlException("the agent's answer is not JSON");
        } catch (IOException e) {
            throw new ControlException("control socket " + socket + ": " + e.getMessage());
        } finally {
            deadline.cancel(false);
        }
    }

    private SocketChannel connect() {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            throw new ControlException("agent not running: no control socket at " + socket);
        }
        try {
            return SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (ConnectException e) {
            throw new ControlException("agent not running: nothing listens on " + socket);
        } catch (SocketException e) {
            throw new ControlException(describe(e));
        } catch (IOException e) {
            throw new ControlException("cannot connect to " + socket + ": " + e.getMessage());
        }
    }

    /** The JDK reports unix socket errors as the C library's strerror text. */
    private String describe(SocketException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("Permission denied")) {
            return "permission denied on " + socket + " (the control socket is root-only; run as root)";
        }
        if (m.contains("No such file")) {
            return "agent not running: no control socket at " + socket;
        }
        return "cannot connect to " + socket + ": " + m;
    }

    private static String readLine(SocketChannel channel) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        while (channel.read(buf) >= 0) {
            buf.flip();
            while (buf.hasRemaining()) {
                byte b = buf.get();
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                line.write(b);
            }
            if (line.size() > MAX_ANSWER_BYTES) {
                throw new IOException("answer longer than " + MAX_ANSWER_BYTES + " bytes");
            }
            buf.clear();
        }
        return line.size() > 0 ? line.toString(StandardCharsets.UTF_8) : null;
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // the deadline only needs the channel closed
        }
    }
}
