package io.twinlink.agent.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where the agent answers {@code twinlink show} (a unix socket) and, if set, Prometheus scrapes. */
public record ControlConfig(Path socket, Optional<HostPort> metrics) {

    public static final Path DEFAULT_SOCKET = Path.of("/run/twinlink/twinlink.sock");

    /** sun_path is 108 bytes on Linux, including the terminating NUL (unix(7)). */
    static final int SUN_PATH_MAX = 107;

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
        if (bytes > SUN_PATH_MAX) {
            throw new IllegalArgumentException("is " + bytes + " bytes, a unix socket path has at most " + SUN_PATH_MAX);
        }
        return Path.of(text).normalize();
    }
}
