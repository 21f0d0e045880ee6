package io.twinlink.it.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.it.harness.Command;
import io.twinlink.it.harness.CommandResult;
import io.twinlink.it.harness.TestRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * bin/demo end to end, as a newcomer runs it: the MC-LAG lab (kept with --keep), then the
 * spanning-tree ring, which first removes what the kept lab left (running twice works),
 * then Ctrl-C in the middle of a run, which must leave nothing behind. The demo's own names
 * are tldemo-* and /run/tldemo; nothing else is looked at or touched.
 */
@Tag("demo")
@Tag("ovs")
class DemoIT {

    private static final Path DEMO = Repository.root().resolve("bin/demo");
    private static final Path OUT = TestRun.current().workDir("demo-out");

    @AfterEach
    void down() {
        demo(Duration.ofMinutes(1), "down");
    }

    @Test
    void mlagDemoThenStpDemoCleansTheKeptLabFirst() throws IOException {
        CommandResult mlag = demo(Duration.ofMinutes(8), "--keep");

        assertThat(mlag.exitCode()).as(mlag.stdout() + mlag.stderr()).isZero();
        assertThat(mlag.stdout()).contains("[4/9] LACP: what the server sees", "server (Open vSwitch bond0",
                "sw1$ twinlink show lacp", "sw2$ twinlink show lacp", "kill -9 ", "traffic gap: longest interruption",
                "[9/9] Summary", "the lab keeps running (--keep)");
        assertThat(mlag.stdout()).contains("one partner system, 02:00:00:00:00:aa");
        // the restarted agent removed what the killed one left in the kernel, by itself
        assertThat(mlag.stdout()).contains("did not stop cleanly");
        for (String pcap : List.of("sw1-until-kill.pcap", "sw1.pcap", "sw2.pcap")) {
            CommandResult lacpdus = Command.of("tshark", "-r", OUT.resolve("pcap/" + pcap).toString(), "-Y", "lacp").check();
            assertThat(lacpdus.stdout().lines().count()).as(pcap).isGreaterThan(3);
        }
        assertThat(demoNamespaces()).contains("tldemo-sw1", "tldemo-sw2", "tldemo-srv", "tldemo-up");

        CommandResult stp = demo(Duration.ofMinutes(5), "stp");

        assertThat(stp.exitCode()).as(stp.stdout() + stp.stderr()).isZero();
        assertThat(stp.stdout()).contains("an earlier demo left its lab: removing it first",
                "tl: to-k1 root port forwarding, to-k2 alternate (blocked) (", "alternate  discarding",
                "to-k2 takes over (designated, forwarding)");
        assertNothingLeft();
    }

    @Test
    void ctrlCRemovesEverything() throws Exception {
        Path log = OUT.resolve("ctrl-c.log");
        Files.createDirectories(OUT);
        ProcessBuilder builder = new ProcessBuilder(DEMO.toString(), "stp")
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("TLDEMO_OUT", OUT.toString());
        Process demo = builder.start();
        try {
            Awaitility.await("the demo's agent running").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.readString(log, StandardCharsets.UTF_8).contains("tl: twinlink agent answering"));
            assertThat(demoNamespaces()).isNotEmpty();

            Command.of("kill", "-INT", String.valueOf(demo.pid())).check(); // what Ctrl-C sends

            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(demo.exitValue()).isEqualTo(130);
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("removing the lab");
            assertNothingLeft();
        } finally {
            demo.descendants().forEach(ProcessHandle::destroy);
            demo.destroy();
        }
    }

    private static CommandResult demo(Duration limit, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = DEMO.toString();
        System.arraycopy(args, 0, argv, 1, args.length);
        return Command.of(argv).env("TLDEMO_OUT", OUT.toString()).timeout(limit).run();
    }

    private static void assertNothingLeft() {
        assertThat(demoNamespaces()).isEmpty();
        assertThat(Path.of("/run/tldemo")).doesNotExist();
        // no process the demo started (they carry TLDEMO_RUN in their environment)
        CommandResult marked = Command.of("sh", "-c",
                "grep -lszxF TLDEMO_RUN=/run/tldemo /proc/[0-9]*/environ 2>/dev/null || true").run();
        assertThat(marked.stdout().lines().filter(l -> !l.contains("/self/"))).isEmpty();
    }

    private static List<String> demoNamespaces() {
        return Command.of("ip", "netns", "list").check().stdout().lines()
                .map(l -> l.split(" ")[0]).filter(n -> n.startsWith("tldemo-")).toList();
    }
}
