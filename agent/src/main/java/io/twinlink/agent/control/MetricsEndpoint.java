package io.twinlink.agent.control;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code http://ADDRESS/metrics} for Prometheus, only when {@code control.metrics} is set.
 * Its own registry, not the library's global default: nothing else in the JVM leaks into it,
 * and two agents in one test JVM do not collide.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetricsEndpoint.class);

    private final HTTPServer server;

    private MetricsEndpoint(HTTPServer server) {
        this.server = server;
    }

    /** Binds {@code address} (port 0: any free port, see {@link #port()}) and starts serving. */
    public static MetricsEndpoint start(InetSocketAddress address, StateProvider provider, Duration answerTimeout)
            throws IOException {
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve metrics address " + address.getHostString());
        }
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new LacpMetrics(provider, answerTimeout));
        HTTPServer server = HTTPServer.builder()
                .inetAddress(address.getAddress())
                .port(address.getPort())
                .registry(registry)
                .buildAndStart();
        log.info("metrics listening address={}:{}", address.getAddress().getHostAddress(), server.getPort());
        return new MetricsEndpoint(server);
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
