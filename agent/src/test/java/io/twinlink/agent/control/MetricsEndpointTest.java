package io.twinlink.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Scrapes the real HTTP endpoint on 127.0.0.1, an ephemeral port, as Prometheus would. */
class MetricsEndpointTest {

    static String scrape(int port) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void perPortMibCountersStatesAndPartnerInfo() throws Exception {
        try (FixedStateProvider provider = FixedStateProvider.standard();
             MetricsEndpoint endpoint = MetricsEndpoint.start(new InetSocketAddress("127.0.0.1", 0), provider, Duration.ofSeconds(2))) {
            assertThat(endpoint.port()).isPositive();
            String body = scrape(endpoint.port());
            assertThat(body.lines()).contains(
                    "# TYPE twinlink_dot3ad_agg_port_stats_lacpdus_rx_total counter",
                    "twinlink_dot3ad_agg_port_stats_lacpdus_rx_total{bundle=\"bond0\",port=\"eth1\"} 120.0",
                    "twinlink_dot3ad_agg_port_stats_lacpdus_tx_total{bundle=\"bond0\",port=\"eth2\"} 5.0",
                    "twinlink_dot3ad_agg_port_stats_marker_pdus_rx_total{bundle=\"bond0\",port=\"eth1\"} 1.0",
                    "twinlink_dot3ad_agg_port_stats_marker_response_pdus_tx_total{bundle=\"bond0\",port=\"eth1\"} 1.0",
                    "twinlink_dot3ad_agg_port_stats_marker_response_pdus_rx_total{bundle=\"bond0\",port=\"eth1\"} 0.0",
                    "twinlink_dot3ad_agg_port_stats_unknown_rx_total{bundle=\"bond0\",port=\"eth2\"} 3.0",
                    "twinlink_dot3ad_agg_port_stats_illegal_rx_total{bundle=\"bond0\",port=\"eth2\"} 2.0",
                    "twinlink_lacp_port_mux_state{bundle=\"bond0\",port=\"eth1\",state=\"COLLECTING_DISTRIBUTING\"} 1.0",
                    "twinlink_lacp_port_mux_state{bundle=\"bond0\",port=\"eth1\",state=\"WAITING\"} 0.0",
                    "twinlink_lacp_port_mux_state{bundle=\"bond0\",port=\"eth2\",state=\"WAITING\"} 1.0",
                    "twinlink_lacp_port_selected{bundle=\"bond0\",port=\"eth2\",state=\"STANDBY\"} 1.0",
                    "twinlink_lacp_port_selected{bundle=\"bond0\",port=\"eth2\",state=\"SELECTED\"} 0.0",
                    "twinlink_dot3ad_agg_port_actor_oper_state{bundle=\"bond0\",port=\"eth1\"} 63.0",
                    "twinlink_dot3ad_agg_port_partner_oper_info{bundle=\"bond0\",partner_key=\"33\",partner_port=\"2\","
                            + "partner_port_priority=\"255\",partner_system=\"02:00:00:00:00:99\","
                            + "partner_system_priority=\"65535\",port=\"eth1\"} 1",
                    "twinlink_lacp_aggregator_active{bundle=\"bond1\"} 0.0",
                    "twinlink_lacp_aggregator_distributing_ports{bundle=\"bond0\"} 1.0",
                    "twinlink_port_carrier{port=\"eth2\"} 0.0",
                    "twinlink_port_malformed_frames_total{port=\"eth2\"} 2.0",
                    "twinlink_port_policed_frames_total{port=\"eth2\"} 48000.0",
                    "twinlink_port_stranger_frames_total{port=\"eth2\"} 250.0",
                    "twinlink_port_capture_drops_total{port=\"eth2\"} 9.0",
                    "twinlink_port_rx_frames_total{port=\"eth3\"} 7.0",
                    "twinlink_state_available 1.0");
            // exactly one state for each port is current
            assertThat(body.lines().filter(l -> l.startsWith("twinlink_lacp_port_mux_state{") && l.endsWith(" 1.0"))).hasSize(2);
            assertThat(provider.requests.get()).as("one lacp and one ports snapshot per scrape").isEqualTo(2);
        }
    }

    @Test
    void aSilentEventLoopGivesAnAvailabilityOfZeroNotAFailedScrape() throws Exception {
        StateProvider stuck = new StateProvider() {
            @Override
            public CompletionStage<LacpSnapshot> lacp() {
                return new CompletableFuture<>();
            }

            @Override
            public CompletionStage<PortsSnapshot> ports() {
                return new CompletableFuture<>();
            }
        };
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(new InetSocketAddress("127.0.0.1", 0), stuck, Duration.ofMillis(100))) {
            String body = scrape(endpoint.port());
            assertThat(body.lines()).contains("twinlink_state_available 0.0");
            assertThat(body).doesNotContain("twinlink_dot3ad");
        }
    }
}
