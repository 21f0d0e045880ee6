package io.twinlink.it.harness;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * tcpdump writing one interface of a namespace to a pcap file, for {@link Tshark} and
 * `twinlink decode` to read afterwards. Packet-buffered (-U), so the file is complete up to
 * the last frame at any time; closing stops tcpdump by PID. The interface must be up
 * (tcpdump refuses a down device): bring one end of a veth up first, the other later.
 */
public final class PacketCapture implements AutoCloseable {

    private final Daemon tcpdump;
    private final Path file;

    private PacketCapture(Daemon tcpdump, Path file) {
        this.tcpdump = tcpdump;
        this.file = file;
    }

    /** Starts capturing and returns once tcpdump is listening. {@code filter} is a pcap filter, e.g. "ether proto 0x8809". */
    public static PacketCapture start(Netns netns, String linkName, Path file, String... filter) {
        // -Z root: Debian's tcpdump otherwise drops to user tcpdump, who may not write into target/.
        // --immediate-mode: with TPACKET_V3 the kernel otherwise hands frames over in blocks, and
        // a capture stopped within a block timeout of its last frame would lose them.
        List<String> argv = new ArrayList<>(List.of("tcpdump", "-i", linkName, "--immediate-mode", "-U", "-n",
                "-Z", "root", "-w", file.toString()));
        argv.addAll(List.of(filter));
        Path log = file.resolveSibling(file.getFileName() + ".log");
        Daemon tcpdump = netns.start("tcpdump on " + linkName, log, Map.of(), argv.toArray(String[]::new));
        Awaitility.await("tcpdump listening on " + linkName).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    tcpdump.checkAlive();
                    return Files.readString(log, StandardCharsets.UTF_8).contains("listening on");
                });
        return new PacketCapture(tcpdump, file);
    }

    public Path file() {
        return file;
    }

    /** Stops tcpdump (SIGTERM lets it flush and close the file). */
    @Override
    public void close() {
        tcpdump.stop(Duration.ofSeconds(5));
    }

    @Override
    public String toString() {
        return "capture " + file;
    }
}
