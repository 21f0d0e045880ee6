package io.twinlink.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.twinlink.wire.BpduFlags;
import io.twinlink.wire.BpduTimes;
import io.twinlink.wire.BridgeId;
import io.twinlink.wire.ConfigBpdu;
import io.twinlink.wire.FrameEncoder;
import io.twinlink.wire.InformationBpdu;
import io.twinlink.wire.LacpInfo;
import io.twinlink.wire.LacpPortState;
import io.twinlink.wire.Lacpdu;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.MarkerPdu;
import io.twinlink.wire.PortId;
import io.twinlink.wire.RstBpdu;
import io.twinlink.wire.TcnBpdu;
import io.twinlink.wire.pcap.PcapWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What we send must dissect cleanly in tshark and tcpdump (DESIGN.md): frames from our
 * encoders, fixed and random (fixed seed), are written to a pcap with our writer, and the real
 * tools read them back. bin/setup installs both; without them this test is skipped.
 */
class WireOracleTest {

    private static final MacAddress US = MacAddress.parse("02:00:00:00:00:01");
    /** stp.version .. stp.forward in the tshark command below. */
    private static final int STP_FIELDS = 15;

    @TempDir
    static Path tmp;

    private static final List<Object> SENT = new ArrayList<>();
    private static Path capture;

    @BeforeAll
    static void writeCapture() throws IOException {
        Random random = new Random(20240601);
        for (int i = 0; i < 40; i++) {
            SENT.add(new Lacpdu(info(random), info(random), random.nextInt(65536)));
        }
        SENT.add(MarkerPdu.request(7, US, 0xBEEF));
        SENT.add(MarkerPdu.request(65535, MacAddress.parse("fe:dc:ba:98:76:54"), 0xFFFF_FFFFL).response());
        SENT.add(new TcnBpdu());
        for (int i = 0; i < 20; i++) {
            SENT.add(new ConfigBpdu(BpduFlags.of(random.nextInt(2) | (random.nextInt(2) << 7)), bridge(random),
                    Integer.toUnsignedLong(random.nextInt()), bridge(random), PortId.of(random.nextInt(65536)),
                    times(random)));
            SENT.add(new RstBpdu(BpduFlags.of(random.nextInt(256)), bridge(random),
                    Integer.toUnsignedLong(random.nextInt()), bridge(random), PortId.of(random.nextInt(65536)),
                    times(random)));
        }
        PcapWriter w = PcapWriter.ethernet();
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(w.fileHeader());
        long t = 1_700_000_000_000_000_000L;
        for (Object pdu : SENT) {
            file.writeBytes(w.record(t += 1_000_000, frame(pdu)));
        }
        capture = Files.write(tmp.resolve("twinlink.pcap"), file.toByteArray());
    }

    @Test
    void tsharkReadsEveryFieldAsWeMeantIt() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")), "tshark not installed (bin/setup installs it)");
        List<String> rows = run("tshark", "-r", capture.toString(), "-T", "fields", "-E", "separator=/t",
                "-e", "lacp.actor.sys_priority", "-e", "lacp.actor.sysid", "-e", "lacp.actor.key",
                "-e", "lacp.actor.port_priority", "-e", "lacp.actor.port", "-e", "lacp.actor.state",
                "-e", "lacp.partner.sys_priority", "-e", "lacp.partner.sysid", "-e", "lacp.partner.key",
                "-e", "lacp.partner.port_priority", "-e", "lacp.partner.port", "-e", "lacp.partner.state",
                "-e", "lacp.collector.max_delay",
                "-e", "marker.tlvType", "-e", "marker.requesterPort", "-e", "marker.requesterSystem",
                "-e", "marker.requesterTransId",
                "-e", "stp.version", "-e", "stp.type", "-e", "stp.flags", "-e", "stp.root.prio", "-e", "stp.root.ext",
                "-e", "stp.root.hw", "-e", "stp.root.cost", "-e", "stp.bridge.prio", "-e", "stp.bridge.ext",
                "-e", "stp.bridge.hw", "-e", "stp.port", "-e", "stp.msg_age", "-e", "stp.max_age", "-e", "stp.hello",
                "-e", "stp.forward");
        assertThat(rows).hasSize(SENT.size());
        for (int i = 0; i < SENT.size(); i++) {
            assertThat(rows.get(i)).as("frame %d", i + 1).isEqualTo(tsharkRow(SENT.get(i)));
        }
        assertThat(run("tshark", "-r", capture.toString(), "-Y", "_ws.malformed || _ws.expert"))
                .as("tshark expert or malformed items").isEmpty();
    }

    @Test
    void tcpdumpDissectsEveryFrameWithoutComplaint() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tcpdump")), "tcpdump not installed (bin/setup installs it)");
        String out = String.join("\n", run("tcpdump", "-n", "-v", "-e", "-r", capture.toString()));
        assertThat(out).doesNotContain("[|").doesNotContain("invalid").doesNotContain("unknown");
        long lacp = out.lines().filter(l -> l.contains("LACPv1, length 110")).count();
        long marker = out.lines().filter(l -> l.contains("MARKERv1, length 110")).count();
        long config = out.lines().filter(l -> l.contains("STP 802.1d, Config")).count();
        long tcn = out.lines().filter(l -> l.contains("STP 802.1d, Topology Change")).count();
        long rst = out.lines().filter(l -> l.contains("STP 802.1w, Rapid STP")).count();
        assertThat(new long[] {lacp, marker, config, tcn, rst}).containsExactly(40, 2, 20, 1, 20);
        Lacpdu first = (Lacpdu) SENT.get(0);
        assertThat(out).contains(String.format("System %s, System Priority %d, Key %d, Port %d, Port Priority %d",
                first.actor().system(), first.actor().systemPriority(), first.actor().key(), first.actor().port(),
                first.actor().portPriority()));
        assertThat(out).contains("Request System 02:00:00:00:00:01, Request Port 7, Request Transaction ID 0x0000beef");
        RstBpdu rst0 = (RstBpdu) SENT.get(44);
        assertThat(out).contains(String.format("bridge-id %s.%s, length 36", rst0.bridgeId(), rst0.portId()));
    }

    private static String tsharkRow(Object pdu) {
        List<String> f = new ArrayList<>();
        if (pdu instanceof Lacpdu l) {
            info(f, l.actor());
            info(f, l.partner());
            f.add(Integer.toString(l.collectorMaxDelay()));
        } else {
            f.addAll(List.of("", "", "", "", "", "", "", "", "", "", "", "", ""));
        }
        if (pdu instanceof MarkerPdu m) {
            f.add(String.format("0x%02x,0x00", m.tlv().type));
            f.add(Integer.toString(m.requesterPort()));
            f.add(m.requesterSystem().toString());
            f.add(Long.toString(m.requesterTransactionId()));
        } else {
            f.addAll(List.of("", "", "", ""));
        }
        if (pdu instanceof TcnBpdu) {
            f.addAll(List.of("0", "0x80"));
            f.addAll(java.util.Collections.nCopies(STP_FIELDS - 2, ""));
        } else if (pdu instanceof InformationBpdu b) {
            int flags = b instanceof ConfigBpdu ? b.flags().bits() & BpduFlags.CONFIG_BPDU_MASK : b.flags().bits();
            f.add(Integer.toString(b.protocolVersion()));
            f.add(String.format("0x%02x", b.type().code()));
            f.add(String.format("0x%02x", flags));
            f.add(Integer.toString(b.rootId().priority()));
            f.add(Integer.toString(b.rootId().systemIdExtension()));
            f.add(b.rootId().mac().toString());
            f.add(Long.toString(b.rootPathCost()));
            f.add(Integer.toString(b.bridgeId().priority()));
            f.add(Integer.toString(b.bridgeId().systemIdExtension()));
            f.add(b.bridgeId().mac().toString());
            f.add(String.format("0x%04x", b.portId().value()));
            BpduTimes t = b.times();
            for (double s : new double[] {t.messageAgeSeconds(), t.maxAgeSeconds(), t.helloTimeSeconds(),
                t.forwardDelaySeconds()}) {
                f.add(seconds(s));
            }
        } else {
            f.addAll(java.util.Collections.nCopies(STP_FIELDS, ""));
        }
        return String.join("\t", f);
    }

    /** tshark prints FT_DOUBLE with %g-like shortest form: 20, 0.5, 0.00390625. */
    private static String seconds(double s) {
        String plain = new java.math.BigDecimal(s).stripTrailingZeros().toPlainString();
        return plain.contains("E") ? String.format(Locale.ROOT, "%g", s) : plain;
    }

    private static void info(List<String> f, LacpInfo i) {
        f.add(Integer.toString(i.systemPriority()));
        f.add(i.system().toString());
        f.add(Integer.toString(i.key()));
        f.add(Integer.toString(i.portPriority()));
        f.add(Integer.toString(i.port()));
        f.add(String.format("0x%02x", i.state().bits()));
    }

    private static byte[] frame(Object pdu) {
        if (pdu instanceof Lacpdu l) {
            return FrameEncoder.lacpdu(US, l);
        }
        if (pdu instanceof MarkerPdu m) {
            return FrameEncoder.marker(US, m);
        }
        if (pdu instanceof TcnBpdu t) {
            return FrameEncoder.bpdu(US, t.encode());
        }
        if (pdu instanceof ConfigBpdu c) {
            return FrameEncoder.bpdu(US, c.encode());
        }
        return FrameEncoder.bpdu(US, ((RstBpdu) pdu).encode());
    }

    private static LacpInfo info(Random r) {
        return new LacpInfo(r.nextInt(65536), MacAddress.of(r.nextLong() & 0xFEFF_FFFF_FFFFL), r.nextInt(65536),
                r.nextInt(65536), r.nextInt(65536), LacpPortState.of(r.nextInt(256)));
    }

    private static BridgeId bridge(Random r) {
        return new BridgeId(r.nextInt(16) * 4096, r.nextInt(4096), MacAddress.of(r.nextLong() & 0xFEFF_FFFF_FFFFL));
    }

    private static BpduTimes times(Random r) {
        return new BpduTimes(r.nextInt(65536), r.nextInt(65536), r.nextInt(65536), r.nextInt(65536));
    }

    private static List<String> run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
            assertThat(p.exitValue()).as("%s exit code", command[0]).isZero();
            return out.isEmpty() ? List.of() : out.lines().toList();
        } finally {
            p.destroyForcibly();
        }
    }
}
