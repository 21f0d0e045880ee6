package io.twinlink.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.twinlink.it.harness.Command;
import io.twinlink.it.harness.CommandResult;
import io.twinlink.it.harness.TestRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged systemd unit (packaging/systemd/twinlink.service) as systemd itself reads it:
 * {@code systemd-analyze verify} accepts it, and {@code systemd-analyze security --offline}
 * finds the hardening DESIGN.md asks for (capabilities bounded to CAP_NET_RAW and
 * CAP_NET_ADMIN, NoNewPrivileges, ProtectSystem=strict, ProtectHome) and rates it OK.
 */
class SystemdUnitIT {

    private static final Path UNIT = Path.of("..", "packaging", "systemd", "twinlink.service");
    private static final Pattern EXPOSURE = Pattern.compile("Overall exposure level for \\S+: ([\\d.]+) (\\S+)");

    @Test
    void theUnitVerifiesAndIsHardened() throws Exception {
        assumeTrue(Command.of("sh", "-c", "command -v systemd-analyze").run().succeeded(), "systemd-analyze is not installed");
        assertThat(UNIT).exists();
        // verify wants ExecStart's binary to exist: point it at the launcher of this tree
        Path launcher = Path.of("..", "bin", "twinlink").toAbsolutePath().normalize();
        Path unit = TestRun.current().workDir("systemd").resolve("twinlink.service");
        Files.writeString(unit, Files.readString(UNIT).replace("/usr/bin/twinlink", launcher.toString()));

        // verify also runs man(1) on Documentation=: the pages this build generated, as install.sh installs them
        Path manPages = Path.of("..", "agent", "target", "man").toAbsolutePath().normalize();
        assertThat(manPages.resolve("man1").resolve("twinlink-agent.1")).as("man pages built by the agent module").exists();
        CommandResult verify = Command.of("systemd-analyze", "verify", unit.toString()).env("MANPATH", manPages.toString())
                .run();
        assertThat(verify.exitCode()).as(verify.stderr()).isZero();
        assertThat(verify.stderr() + verify.stdout()).doesNotContain(unit.getFileName().toString() + ":");

        CommandResult security = Command.of("systemd-analyze", "security", "--offline=true", "--no-pager", unit.toString()).run();
        String report = security.stdout() + security.stderr();
        for (String hardened : new String[] {"✓ NoNewPrivileges=", "✓ ProtectSystem=", "✓ ProtectHome=",
            "✓ CapabilityBoundingSet=~CAP_SYS_ADMIN", "✓ CapabilityBoundingSet=~CAP_SYS_MODULE", "✓ ProtectKernelTunables=",
            "✓ RestrictSUIDSGID="}) {
            assertThat(report).as(hardened).contains(hardened);
        }
        Matcher m = EXPOSURE.matcher(report);
        assertThat(m.find()).as(report).isTrue();
        double exposure = Double.parseDouble(m.group(1));
        System.out.printf(Locale.ROOT, "reliability: systemd-analyze security --offline: exposure %.1f %s%n", exposure, m.group(2));
        assertThat(exposure).as("exposure level (0 best, 10 worst)").isLessThanOrEqualTo(5.0);
    }
}
