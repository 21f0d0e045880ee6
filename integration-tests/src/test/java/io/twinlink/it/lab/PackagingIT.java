package io.twinlink.it.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.twinlink.it.harness.Command;
import io.twinlink.it.harness.CommandResult;
import io.twinlink.it.harness.TestRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * packaging/install.sh into a DESTDIR: the Debian layout, a wrapper that runs, man pages and
 * bash completion generated from the CLI, a systemd unit that systemd itself accepts, and a
 * second run that keeps the operator's configuration.
 */
@Tag("packaging")
class PackagingIT {

    private static final List<String> COMMANDS = List.of("agent", "check", "show", "decode", "version");

    private Path destdir;

    @BeforeEach
    void install() throws IOException {
        destdir = Files.createTempDirectory(TestRun.current().workDir(), "destdir-");
        CommandResult result = installSh();
        assertThat(result.stdout()).contains("installed under " + destdir);
    }

    @AfterEach
    void removeDestdir() {
        Command.of("rm", "-rf", destdir.toString()).check();
    }

    @Test
    void installsTheDebianLayout() throws IOException {
        assertThat(destdir.resolve("usr/share/twinlink/twinlink.jar")).hasSameBinaryContentAs(Repository.jar());
        assertThat(Files.getPosixFilePermissions(destdir.resolve("usr/bin/twinlink")))
                .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
        assertThat(destdir.resolve("etc/twinlink/twinlink.yaml"))
                .hasSameTextualContentAs(Repository.root().resolve("packaging/etc/twinlink.yaml"));
        assertThat(destdir.resolve("usr/lib/systemd/system/twinlink.service"))
                .hasSameTextualContentAs(Repository.root().resolve("packaging/systemd/twinlink.service"));
        assertThat(destdir.resolve("usr/share/doc/twinlink/README.md")).exists();
        assertThat(destdir.resolve("usr/share/doc/twinlink/operator-guide.md")).exists();
    }

    @Test
    void wrapperRunsTheInstalledJar() {
        CommandResult version = wrapper("version").check();
        assertThat(version.stdout()).startsWith("twinlink ").contains("java 17", "pcap ");
        // the example configuration is valid (its interfaces are this host's business)
        CommandResult check = wrapper("check", "--skip-interface-check",
                "--config", destdir.resolve("etc/twinlink/twinlink.yaml").toString()).check();
        assertThat(check.stdout()).startsWith("ok: 1 bundle");
    }

    @Test
    void manPagesForEveryCommandWithTheirExamples() throws IOException {
        for (String page : Stream.concat(Stream.of("twinlink"), COMMANDS.stream().map(c -> "twinlink-" + c)).toList()) {
            Path gz = destdir.resolve("usr/share/man/man1/" + page + ".1.gz");
            String troff;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                troff = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            // troff escapes the hyphen in the title: TWINLINK\-SHOW
            assertThat(troff).as(page).contains(".TH \"" + page.toUpperCase().replace("-", "\\-") + "\" \"1\"");
            assertThat(troff).as(page).containsPattern("(?m)^\\.SH \"EXAMPLES?:?\"$").contains("twinlink");
        }
    }

    @Test
    void bashCompletionOffersTheCommands() {
        Path completion = destdir.resolve("usr/share/bash-completion/completions/twinlink");
        // what bash-completion does on `twinlink <TAB>` and `twinlink show <TAB>`
        String script = "source \"$1\""
                + "; COMP_WORDS=(twinlink ''); COMP_CWORD=1; _complete_twinlink; echo \"${COMPREPLY[*]}\""
                + "; COMP_WORDS=(twinlink show ''); COMP_CWORD=2; _complete_twinlink; echo \"${COMPREPLY[*]}\""
                + "; COMP_WORDS=(twinlink show --); COMP_CWORD=2; _complete_twinlink; echo \"${COMPREPLY[*]}\"";
        CommandResult r = Command.of("bash", "-c", script, "bash", completion.toString()).check();
        List<String> lines = r.stdout().lines().toList();
        assertThat(lines.get(0).split(" ")).contains("agent", "check", "show", "decode", "version");
        assertThat(lines.get(1).split(" ")).contains("lacp", "ports", "stp", "mlag");
        assertThat(lines.get(2).split(" ")).contains("--json", "--socket");
    }

    @Test
    void systemdAcceptsTheUnit() throws IOException {
        String unit = Files.readString(destdir.resolve("usr/lib/systemd/system/twinlink.service"));
        assertThat(unit).contains("Type=simple\n", "Restart=on-failure\n", "RuntimeDirectory=twinlink\n",
                "CapabilityBoundingSet=CAP_NET_RAW CAP_NET_ADMIN\n",
                "ExecStart=/usr/bin/twinlink agent --config /etc/twinlink/twinlink.yaml\n");
        assertThat(unit.lines().filter(l -> l.startsWith("CapabilityBoundingSet=") || l.startsWith("AmbientCapabilities=")))
                .allSatisfy(l -> assertThat(l.substring(l.indexOf('=') + 1).split(" "))
                        .containsExactlyInAnyOrder("CAP_NET_RAW", "CAP_NET_ADMIN"));
        assumeTrue(Command.of("sh", "-c", "command -v systemd-analyze").run().succeeded(), "systemd-analyze not installed");
        // --root: ExecStart must name an executable in the installed tree; errors and warnings
        // (an unknown setting is only "ignoring" to systemd) both fail
        CommandResult verify = Command.of("systemd-analyze", "verify", "--man=no", "--recursive-errors=no",
                "--root=" + destdir, destdir.resolve("usr/lib/systemd/system/twinlink.service").toString()).run();
        assertThat(verify.exitCode()).as(verify.stderr()).isZero();
        assertThat(verify.stderr() + verify.stdout()).isBlank();
    }

    @Test
    void secondRunUpdatesAllButTheConfiguration() throws IOException {
        Path config = destdir.resolve("etc/twinlink/twinlink.yaml");
        Files.writeString(config, "# the operator's own\n" + Files.readString(config));
        Files.writeString(destdir.resolve("usr/bin/twinlink"), "#!/bin/sh\nexit 3\n");

        CommandResult again = installSh();

        assertThat(again.stdout()).contains("keeping the existing");
        assertThat(Files.readString(config)).startsWith("# the operator's own\n");
        assertThat(wrapper("version").run().exitCode()).isZero();
    }

    private CommandResult installSh() {
        return Command.of(Repository.root().resolve("packaging/install.sh").toString())
                .env("DESTDIR", destdir.toString()).check();
    }

    private Command wrapper(String... args) {
        String[] argv = Stream.concat(Stream.of(destdir.resolve("usr/bin/twinlink").toString()), Stream.of(args))
                .toArray(String[]::new);
        return Command.of(argv).env("TWINLINK_JAR", destdir.resolve("usr/share/twinlink/twinlink.jar").toString());
    }
}
