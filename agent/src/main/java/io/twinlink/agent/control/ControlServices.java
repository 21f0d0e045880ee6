package io.twinlink.agent.control;

import io.twinlink.agent.config.ControlConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * What the daemon starts for {@code control:}: the control socket always, the metrics
 * endpoint when {@code control.metrics} is set. Both read state only through the
 * {@link StateProvider}.
 *
 * <pre>
 *  try (ControlServices control = ControlServices.start(config.control(), provider)) {
 *      ... run the event loop ...
 *  } // socket file removed, HTTP server stopped
 * </pre>
 */
public final class ControlServices implements AutoCloseable {

    private final ControlServer server;
    private final Optional<MetricsEndpoint> metrics;

    private ControlServices(ControlServer server, Optional<MetricsEndpoint> metrics) {
        this.server = server;
        this.metrics = metrics;
    }

    public static ControlServices start(ControlConfig config, StateProvider provider) throws IOException {
        return start(config, provider, ControlServer.DEFAULT_ANSWER_TIMEOUT);
    }

    public static ControlServices start(ControlConfig config, StateProvider provider, Duration answerTimeout)
            throws IOException {
        ControlServer server = ControlServer.start(config.socket(), provider, answerTimeout);
        try {
            Optional<MetricsEndpoint> metrics = Optional.empty();
            if (config.metrics().isPresent()) {
                metrics = Optional.of(MetricsEndpoint.start(config.metrics().get().toSocketAddress(), provider, answerTimeout));
            }
            return new ControlServices(server, metrics);
        } catch (IOException | RuntimeException e) {
            server.close(); // nothing half-started
            throw e;
        }
    }

    public ControlServer server() {
        return server;
    }

    public Optional<MetricsEndpoint> metrics() {
        return metrics;
    }

    @Override
    public void close() throws IOException {
        try {
            metrics.ifPresent(MetricsEndpoint::close);
        } finally {
            server.close();
        }
    }
}
