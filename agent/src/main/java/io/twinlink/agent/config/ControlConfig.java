package io.twinlink.agent.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where the agent answers {@code twinlink show} (a unix socket) and, if set, Prometheus scrapes. */
public record ControlConfig(Path socket, Optional<HostPort> metrics) {

    public static final Path DEFAULT_SOCKET = Path.of("/run/twinlink/twinlink.sock");

    /**
     * sun_path holds 107 bytes and a NUL on Linux (unix(7)), and the agent first binds the
     * socket in a staging directory beside it (up to 26 bytes more) to set its mode before
     * anyone can connect; 80 leaves room for that.
     */
    static final int MAX_SOCKET_PATH = 80;

    public ControlConfig {
        Objects.requireNonNull(socket, "socket");
        Objects.requireNonNull(metrics, "metrics");
    }

    public static ControlConfig defaults() {
        return new ControlConfig(DEFAULT_SOCKET, Optional.empty());
    }

    /** An absolute path short enough for {@code sockaddr_un}, naming a file (not a directory). */
    public static Path parseSocketPath(String text) {
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("must be an absolute path, got \"" + text + "\"");
        }
        if (text.endsWith("/")) {
            throw new IllegalArgumentException("must name a file, not a directory: \"" + text + "\"");
        }
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("must not contain a NUL character");
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SOCKET_PATH) {
            throw new IllegalArgumentException("is " + bytes + " bytes, a control socket path has at most " + MAX_SOCKET_PATH);
        }
        return Path.of(text).normalize();
    }
}
