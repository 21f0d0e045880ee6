package io.twinlink.it.stp;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.PacketCapture;
import io.twinlink.it.harness.TestRun;
import io.twinlink.it.harness.Tshark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Broadcast frames counted on every link of a ring. In a tree every broadcast crosses every
 * link exactly once (the designated end of a blocked link still sends it; the blocked end
 * drops it), so each link must carry exactly as many as were sent; in a loop they circulate
 * at line rate and the count explodes.
 */
final class BroadcastProbe {

    private static final Pattern TRANSMITTED = Pattern.compile("(\\d+) packets transmitted");

    private BroadcastProbe() {
    }

    /** How many echo requests were sent, and how many of them each link carried. */
    record Count(int sent, Map<String, Integer> perLink) {

        /** Each link carried each broadcast exactly once: no loop multiplied them. */
        void assertEachLinkCarriedEachOnce() {
            assertThat(sent).as("broadcast echo requests sent").isPositive();
            assertThat(perLink).as("broadcast echo requests seen per link, of %d sent", sent)
                    .allSatisfy((link, seen) -> assertThat(seen).isEqualTo(sent));
        }
    }

    /**
     * Sends echo requests to 10.0.0.255 from {@code from} every 0.2 s for 2 s with every link
     * under capture, then counts the broadcasts each link carried (links named by their x port).
     */
    static Count countPerLink(Ring ring, Ring.Node from, String label) {
        Path dir = TestRun.current().workDir("broadcast-" + label);
        List<PacketCapture> captures = new ArrayList<>();
        Map<String, Path> files = new LinkedHashMap<>();
        int sent;
        try {
            for (Ring.RingLink link : Ring.LINKS) {
                Path file = dir.resolve(link.xPort() + ".pcap");
                files.put(link.xPort(), file);
                captures.add(PacketCapture.start(ring.netns(link.x()), link.xPort(), file,
                        "ether broadcast and icmp"));
            }
            Netns sender = ring.netns(from);
            // -w 2: ping sends for 2 s (nobody answers a broadcast echo here: Linux ignores them).
            String summary = sender.command("ping", "-n", "-b", "-i", "0.2", "-w", "2", "10.0.0.255")
                    .timeout(Duration.ofSeconds(10)).run().stdout();
            Matcher m = TRANSMITTED.matcher(summary);
            if (!m.find()) {
                throw new IllegalStateException("ping printed no summary: " + summary);
            }
            sent = Integer.parseInt(m.group(1));
        } finally {
            captures.forEach(PacketCapture::close);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        files.forEach((link, file) -> counts.put(link, Tshark.fields(file, null, "frame.number").size()));
        return new Count(sent, counts);
    }
}
