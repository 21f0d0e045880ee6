package io.twinlink.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.twinlink.agent.config.ControlConfig;
import io.twinlink.agent.config.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServicesTest {

    @TempDir
    Path dir;

    @Test
    void metricsAreOffUnlessConfigured() throws Exception {
        Path socket = dir.resolve("twinlink.sock");
        try (FixedStateProvider provider = FixedStateProvider.standard();
             ControlServices services = ControlServices.start(new ControlConfig(socket, Optional.empty()), provider)) {
            assertThat(services.metrics()).isEmpty();
            assertThat(socket).exists();
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void startsSocketAndMetricsAndStopsBoth() throws Exception {
        Path socket = dir.resolve("twinlink.sock");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // a free port to configure, as an operator would
        }
        ControlConfig config = new ControlConfig(socket, Optional.of(new HostPort("127.0.0.1", port)));
        try (FixedStateProvider provider = FixedStateProvider.standard()) {
            try (ControlServices services = ControlServices.start(config, provider)) {
                assertThat(services.metrics().orElseThrow().port()).isEqualTo(port);
                assertThat(MetricsEndpointTest.scrape(port)).contains("twinlink_state_available 1.0");
                assertThat(services.server().path()).isEqualTo(socket);
            }
            assertThat(socket).doesNotExist();
            assertThatThrownBy(() -> MetricsEndpointTest.scrape(port)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aBusyMetricsPortLeavesNothingHalfStarted() throws Exception {
        Path socket = dir.resolve("twinlink.sock");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             FixedStateProvider provider = FixedStateProvider.standard()) {
            ControlConfig config = new ControlConfig(socket, Optional.of(new HostPort("127.0.0.1", taken.getLocalPort())));
            assertThatThrownBy(() -> ControlServices.start(config, provider)).isInstanceOf(IOException.class);
            assertThat(socket).doesNotExist();
        }
    }
}
