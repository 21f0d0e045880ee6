package io.twinlink.it.harness;

import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * tcpdump writing one interface of a namespace to a pcap file, for {@link Tshark} and
 * `twinlink decode` to read afterwards. Packet-buffered (-U), so the file is complete up to
 * the last frame at any time; closing stops tcpdump by PID. The interface must be up
 * (tcpdump refuses a down device): bring one end of a veth up first, the other later.
 */
public final class PacketCapture implements AutoCloseable {

    private static final Pattern DROPPED = Pattern.compile("(\\d+) packets? dropped by kernel");

    private final Daemon tcpdump;
    private final Path file;

    private PacketCapture(Daemon tcpdump, Path file) {
        this.tcpdump = tcpdump;
        this.file = file;
    }

    /** Starts capturing and returns once tcpdump is listening. {@code filter} is a pcap filter, e.g. "ether proto 0x8809". */
    public static PacketCapture start(Netns netns, String linkName, Path file, String... filter) {
        // --immediate-mode: with TPACKET_V3 the kernel otherwise hands frames over in blocks, and
        // a capture stopped within a block timeout of its last frame would lose them.
        return start(netns, linkName, file, List.of("--immediate-mode", "-U"), filter);
    }

    /**
     * A capture of many busy ports at once (all of a namespace's, {@code -i any}) that must not
     * lose frames to a ring that fills while tcpdump waits for a core: a 64 MB buffer, frames
     * cut to their first 96 octets (every header and LACPDU field up to the actor's port) and
     * handed over in blocks. {@link #droppedByKernel()} says whether it lost any all the same.
     */
    public static PacketCapture startBuffered(Netns netns, String linkName, Path file, String... filter) {
        return start(netns, linkName, file, List.of("-B", "65536", "-s", "96"), filter);
    }

    private static PacketCapture start(Netns netns, String linkName, Path file, List<String> options, String... filter) {
        // -Z root: Debian's tcpdump otherwise drops to user tcpdump, who may not write into target/.
        List<String> argv = new ArrayList<>(List.of("tcpdump", "-i", linkName));
        argv.addAll(options);
        argv.addAll(List.of("-n", "-Z", "root", "-w", file.toString()));
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

    /** What tcpdump reported lost by the kernel (its ring was full) once stopped; -1 if it said nothing. */
    public long droppedByKernel() {
        Path log = file.resolveSibling(file.getFileName() + ".log");
        try {
            Matcher m = DROPPED.matcher(Files.readString(log, StandardCharsets.UTF_8));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        }
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
