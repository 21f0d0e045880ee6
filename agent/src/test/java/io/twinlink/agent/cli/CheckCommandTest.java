package io.twinlink.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code twinlink check}, in-process, against this host's real interfaces ({@code lo} always exists). */
class CheckCommandTest {

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        return Files.writeString(dir.resolve("twinlink.yaml"), yaml);
    }

    @Test
    void aGoodConfigPrintsASummaryAndExits0() throws Exception {
        Path config = write("lacp: [{name: tl-bond0, key: 10, members: [lo]}]\n");
        CliRun run = CliRun.of("check", "--config", config.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("ok: 1 bundle, 1 port\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void summaryCountsBundlesPortsStpAndMlag() throws Exception {
        Files.writeString(dir.resolve("peer.key"), "secret");
        Files.setPosixFilePermissions(dir.resolve("peer.key"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path config = write("""
                lacp:
                  - {name: tl-bond0, key: 10, members: [lo]}
                  - {name: tl-bond1, key: 11, members: [tl-a, tl-b], mlag-id: 1}
                stp: {bridge: tl-br0, ports: {tl-bond0: {}, tl-c: {}}}
                mlag: {domain-id: 7, system-mac: 02:00:00:00:00:aa, local: 10.0.0.1:9888, peer: 10.0.0.2:9888, secret-file: peer.key}
                """);
        CliRun run = CliRun.of("check", "--skip-interface-check", "--config", config.toString());
        assertThat(run.out()).isEqualTo("ok: 2 bundles, 3 ports, stp on tl-br0 (2 ports), mlag domain 7 with 10.0.0.2:9888\n");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void everyProblemIsOneLineOnStderrAndExit2() throws Exception {
        Path config = write("""
                lacp:
                  - name: tl-bond0
                    key: 70000
                    members: [lo, tl-nosuch9]
                    speed: 1000
                log-level: loud
                """);
        CliRun run = CliRun.of("check", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("""
                lacp[0].speed: unknown key
                lacp[0].key: must be 1..65535, got 70000
                lacp[0].members[1]: no such interface "tl-nosuch9"
                log-level: must be error | warn | info | debug | trace, got "loud"
                """);
    }

    @Test
    void skippingTheInterfaceCheckAcceptsInterfacesOfAnotherHost() throws Exception {
        Path config = write("lacp: [{name: bond0, key: 10, members: [tl-nosuch1, tl-nosuch2]}]\n");
        assertThat(CliRun.of("check", "--config", config.toString()).exitCode()).isEqualTo(2);
        CliRun run = CliRun.of("check", "--config", config.toString(), "--skip-interface-check");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("ok: 1 bundle, 2 ports\n");
    }

    @Test
    void yamlSyntaxErrorIsOneLineWithPosition() throws Exception {
        Path config = write("lacp:\n  - name: bond0\n     key: 10\n");
        CliRun run = CliRun.of("check", "--config", config.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith(config + ":3:").hasLineCount(1);
    }

    @Test
    void aMissingFileOrOptionIsExit2() {
        Path missing = dir.resolve("absent.yaml");
        CliRun run = CliRun.of("check", "--config", missing.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(missing + ": no such file\n");
        CliRun help = CliRun.of("check", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--skip-interface-check");
        CliRun noOption = CliRun.of("check");
        assertThat(noOption.exitCode()).isEqualTo(2);
        assertThat(noOption.err()).startsWith("twinlink: Missing required option: '--config=FILE'");
    }
}
