package io.twinlink.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.twinlink.agent.control.ControlJson;
import io.twinlink.agent.control.ControlServer;
import io.twinlink.agent.control.FixedStateProvider;
import io.twinlink.agent.control.Snapshots;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShowCommandTest {

    @TempDir
    Path dir;

    private Path socket;
    private FixedStateProvider provider;
    private ControlServer server;

    @BeforeEach
    void startServer() throws Exception {
        socket = dir.resolve("twinlink.sock");
        provider = FixedStateProvider.standard();
        server = ControlServer.start(socket, provider);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
        provider.close();
    }

    @Test
    void showLacpPrintsAlignedTables() {
        CliRun run = CliRun.of("show", "lacp", "--socket", socket.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                system 32768,02:00:00:00:00:01

                bond0  key 10  partner 02:00:00:00:00:99  active yes
                  port  port#  selected  mux                      actor     partner   partner system           partner key  partner port  lacpdu rx  lacpdu tx
                  eth1      1  SELECTED  COLLECTING_DISTRIBUTING  ATGSCD--  A-GSCD--  65535,02:00:00:00:00:99           33         255,2        120        121
                  eth2      2  STANDBY   WAITING                  ATG-----  -T----F-  0,00:00:00:00:00:00                0           0,0          0          5

                bond1  key 11  partner 00:00:00:00:00:00  active no
                  (no members)

                flags: A activity, T short timeout, G aggregation, S synchronization, C collecting, D distributing, F defaulted, E expired
                """);
    }

    @Test
    void showPortsPrintsOneRowPerPort() {
        CliRun run = CliRun.of("show", "ports", "--socket", socket.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                port  ifindex  mac                carrier      speed  duplex   bundle  mux                      rx frames  tx frames  malformed  policed  stranger
                eth1        3  02:00:00:00:01:01  up       10000Mb/s  full     bond0   COLLECTING_DISTRIBUTING        121        122          0        0         0
                eth2        4  02:00:00:00:01:02  down             -  unknown  bond0   WAITING                          5          5          2    48000       250
                eth3       12  02:00:00:00:01:03  up        1000Mb/s  half     -       -                                7          8          0        0         0
                """);
    }

    @Test
    void jsonIsTheAgentsDataObject() throws Exception {
        ObjectMapper json = ControlJson.mapper();
        CliRun lacp = CliRun.of("show", "lacp", "--json", "--socket", socket.toString());
        assertThat(lacp.exitCode()).isZero();
        assertThat(json.readTree(lacp.out())).isEqualTo(json.readTree(json.writeValueAsString(Snapshots.lacp())));
        CliRun ports = CliRun.of("show", "ports", "--socket", socket.toString(), "--json");
        assertThat(json.readTree(ports.out())).isEqualTo(json.readTree(json.writeValueAsString(Snapshots.ports())));
        assertThat(json.readTree(ports.out()).at("/ports/0/carrier").asText()).isEqualTo("up");
    }

    @Test
    void whatTheAgentDoesNotRunIsARuntimeErrorInOneLine() {
        CliRun run = CliRun.of("show", "stp", "--socket", socket.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("twinlink: STP is not running in this agent\n");
    }

    @Test
    void noAgentIsExit1WithOneLine() throws Exception {
        Path missing = dir.resolve("nobody.sock");
        CliRun run = CliRun.of("show", "lacp", "--socket", missing.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("twinlink: agent not running: no control socket at " + missing + "\n");

        Path stale = dir.resolve("stale.sock");
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(stale));
        dead.close();
        CliRun staleRun = CliRun.of("show", "ports", "--json", "--socket", stale.toString());
        assertThat(staleRun.exitCode()).isEqualTo(1);
        assertThat(staleRun.out()).isEmpty();
        assertThat(staleRun.err()).isEqualTo("twinlink: agent not running: nothing listens on " + stale + "\n");
    }

    @Test
    void badUsageIsExit2() {
        CliRun unknown = CliRun.of("show", "vlans", "--socket", socket.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("twinlink: show what? \"vlans\" is not one of lacp, ports, stp, mlag\n");
        CliRun none = CliRun.of("show");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).startsWith("twinlink: Missing required parameter: 'WHAT'");
        assertThat(provider.requests.get()).isZero();
    }
}
