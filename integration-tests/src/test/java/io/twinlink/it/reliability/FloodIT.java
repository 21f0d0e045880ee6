package io.twinlink.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.agent.control.PortSnapshot;
import io.twinlink.agent.control.PortsSnapshot;
import io.twinlink.it.harness.TwinlinkAgent;
import io.twinlink.it.harness.Daemon;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.pcap.CaptureReader;
import io.twinlink.wire.pcap.CapturedPacket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A stranger floods one member of an aggregate that is up, at 50 000 frames/s for 20 s, with
 * garbage, then with valid LACPDUs of another system, then with superior BPDUs, from the far
 * end of the member's cable (a raw sender in the partner's namespace, {@link FloodSender}).
 * Throughout, the aggregate stays up on both sides (sampled every 250 ms), the agent's own
 * periodic LACPDUs leave on time on both members (from its capture: no gap of 1.5 s or more
 * at the 1 s fast rate), the excess is policed and counted, and the agent's CPU is measured.
 */
class FloodIT {

    private static final int RATE = 50_000;
    private static final int SECONDS = 20;
    /** Fast periodic time is 1 s; a missed LACPDU would show as a gap of 2 s. */
    private static final double MAX_GAP_SECONDS = 1.5;
    /** IngressPolicer's ceiling per port, (16 + 1) buckets x 50 frames/s, plus their first bursts spread over a flood. */
    private static final double MAX_DELIVERED_PER_SECOND = 1_000;
    private static final Pattern SENT = Pattern.compile("sent (\\d+) frames \\((\\d+) failed\\) in ([\\d.]+) s: (\\d+) frames/s");

    @Test
    void aFloodOnAMemberNeitherFlapsTheAggregateNorDelaysItsLacpdus() throws Exception {
        try (AgentVersusOvs lab = AgentVersusOvs.create("flood")) {
            Path socket = lab.runtime.resolve("tl.sock");
            Path capture = lab.work.resolve("agent.pcap");
            Path config = AgentProcess.writeConfig(lab.work, lab.config(socket, "capture: " + capture + "\n"));
            try (AgentProcess agent = AgentProcess.start(lab.agentNs, config, socket, lab.work.resolve("agent.log"), List.of())) {
                Awaitility.await("aggregated").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                        .until(() -> agent.aggregated() && lab.ovsAggregated());
                Map<String, MacAddress> macs = Map.of("a1", MacAddress.parse(lab.agentNs.link("a1").mac()),
                        "a2", MacAddress.parse(lab.agentNs.link("a2").mac()),
                        "p1", MacAddress.parse(lab.ovsNs.link("p1").mac()));
                double idleCpu = cpuShare(agent, () -> pause(Duration.ofSeconds(10)));
                List<String> report = new ArrayList<>();
                report.add(String.format(Locale.ROOT, "idle: agent CPU %.1f %% of one core", idleCpu * 100));

                for (String kind : List.of("garbage", "lacp", "bpdu")) {
                    report.add(flood(lab, agent, kind, capture, macs));
                }
                assertThat(agent.log()).doesNotContain("collecting=false");
                report.forEach(line -> System.out.println("reliability flood: " + line));
                Files.write(lab.work.resolve("flood.txt"), report);
            }
        }
    }

    private String flood(AgentVersusOvs lab, AgentProcess agent, String kind, Path capture, Map<String, MacAddress> macs)
            throws IOException {
        PortSnapshot before = port(agent.ports(), "a1");
        Path senderLog = lab.work.resolve("flood-" + kind + ".log");
        long startMillis = System.currentTimeMillis();
        Duration cpuBefore = agent.cpuTime();
        long started = System.nanoTime();
        Daemon sender = lab.ovsNs.start("flood sender " + kind, senderLog, Map.of(), TwinlinkAgent.java(), "-cp",
                System.getProperty("java.class.path"), FloodSender.class.getName(), "p1", kind, Integer.toString(RATE),
                Integer.toString(SECONDS));
        int samples = 0;
        List<String> broken = new ArrayList<>();
        long deadline = started + TimeUnit.SECONDS.toNanos(SECONDS + 60);
        while (sender.isAlive() && System.nanoTime() < deadline) {
            samples++;
            if (!lab.ovsAggregated()) {
                broken.add("OVS members " + lab.ovsEnabledMembers());
            }
            if (!agent.aggregated()) {
                broken.add("agent " + agent.lacp());
            }
            pause(Duration.ofMillis(250));
        }
        sender.stop(Duration.ofSeconds(5));
        double wall = (System.nanoTime() - started) / 1e9;
        double cpu = (agent.cpuTime().minus(cpuBefore)).toNanos() / 1e9 / wall;
        long endMillis = System.currentTimeMillis();
        PortSnapshot after = port(agent.ports(), "a1");
        String sent = Files.readString(senderLog);
        Matcher m = SENT.matcher(sent);
        assertThat(m.find()).as("the sender's report: " + sent).isTrue();
        long frames = Long.parseLong(m.group(1));
        long rate = Long.parseLong(m.group(4));

        assertThat(broken).as(kind + ": the aggregate stayed up at every sample").isEmpty();
        assertThat(rate).as(kind + ": the flood reached its rate").isGreaterThanOrEqualTo(RATE * 8 / 10);
        long policed = after.policedRx() - before.policedRx();
        long delivered = after.rxFrames() - before.rxFrames();
        // The excess never reaches the engines: the policer drops it, or before it the kernel,
        // whose small capture ring overflows while the capture thread serves every port.
        long droppedBeforeCapture = after.captureDrops() - before.captureDrops();
        assertThat(policed + droppedBeforeCapture).as(kind + ": the excess was dropped before the engines")
                .isGreaterThan(frames / 2);
        assertThat(policed).as(kind + ": the policer took its part").isPositive();
        assertThat(delivered / wall).as(kind + ": frames per second handed to the engines")
                .isLessThan(MAX_DELIVERED_PER_SECOND);
        double gapA1 = maxLacpduGap(capture, macs.get("a1"), startMillis, endMillis);
        double gapA2 = maxLacpduGap(capture, macs.get("a2"), startMillis, endMillis);
        assertThat(Math.max(gapA1, gapA2)).as(kind + ": no periodic LACPDU missed").isLessThan(MAX_GAP_SECONDS);
        // The partner's LACPDUs on the flooded member share the kernel's capture ring with the
        // flood: one may be lost there when the capture thread is not scheduled for a moment,
        // never two in a row (three would time the member out: a flap).
        double gapP1 = maxLacpduGap(capture, macs.get("p1"), startMillis, endMillis);
        assertThat(gapP1).as(kind + ": the partner's LACPDUs kept reaching the agent").isLessThan(2.5);
        if (kind.equals("lacp")) {
            assertThat(after.strangerRx() - before.strangerRx()).as("stranger LACPDUs ignored").isPositive();
        }
        return String.format(Locale.ROOT, "%s: %d frames in %.1f s (%d frames/s) on a1; %d samples, aggregate up in all;"
                        + " %d policed, %d dropped by the kernel before capture, %d reached the agent (%d malformed,"
                        + " %d stranger); agent CPU %.1f %% of one core;"
                        + " longest gap between our LACPDUs a1 %.3f s, a2 %.3f s; between the partner's on a1 %.3f s",
                kind, frames, Double.parseDouble(m.group(3)), rate, samples, policed,
                after.captureDrops() - before.captureDrops(), delivered,
                after.malformedRx() - before.malformedRx(), after.strangerRx() - before.strangerRx(), cpu * 100, gapA1, gapA2,
                gapP1);
    }

    /** The longest time between two LACPDUs from {@code source} in the agent's capture, within the window. */
    private static double maxLacpduGap(Path capture, MacAddress source, long fromMillis, long toMillis) {
        List<Long> sent = new ArrayList<>();
        try {
            CaptureReader reader = CaptureReader.open(Files.readAllBytes(capture));
            for (CapturedPacket p = reader.next(); p != null; p = reader.next()) {
                ByteBuffer f = p.data();
                long millis = p.timestampNanos() / 1_000_000;
                if (p.capturedLength() >= 15 && millis >= fromMillis && millis <= toMillis
                        && MacAddress.read(f, f.position() + 6).equals(source)
                        && f.getShort(f.position() + 12) == (short) 0x8809 && f.get(f.position() + 14) == 1) {
                    sent.add(p.timestampNanos());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (io.twinlink.wire.pcap.MalformedCaptureException e) {
            // the agent may be writing the last record right now: what was read is enough
        }
        assertThat(sent.size()).as("LACPDUs from " + source).isGreaterThan(5);
        long worst = 0;
        for (int i = 1; i < sent.size(); i++) {
            worst = Math.max(worst, sent.get(i) - sent.get(i - 1));
        }
        return worst / 1e9;
    }

    private static PortSnapshot port(PortsSnapshot ports, String name) {
        return ports.ports().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static double cpuShare(AgentProcess agent, Runnable during) {
        Duration before = agent.cpuTime();
        long start = System.nanoTime();
        during.run();
        return agent.cpuTime().minus(before).toNanos() / (double) (System.nanoTime() - start);
    }

    private static void pause(Duration d) {
        LockSupport.parkNanos(d.toNanos());
    }
}
