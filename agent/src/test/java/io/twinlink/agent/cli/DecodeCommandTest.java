package io.twinlink.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.twinlink.agent.Main;
import io.twinlink.wire.BpduFlags;
import io.twinlink.wire.BpduPortRole;
import io.twinlink.wire.BpduTimes;
import io.twinlink.wire.BridgeId;
import io.twinlink.wire.FrameEncoder;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.MarkerPdu;
import io.twinlink.wire.PortId;
import io.twinlink.wire.RstBpdu;
import io.twinlink.wire.TcnBpdu;
import io.twinlink.wire.pcap.PcapWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code twinlink decode} against the contract in DESIGN.md ("decode --json"), in-process. */
class DecodeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void lacpCaptureGivesTwentyLacpLinesMatchingTcpdump() throws IOException {
        CliRun run = CliRun.of("decode", CliRun.capture("tcpdump__LACP.pcap"), "--json");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_OK);
        assertThat(run.err()).isEmpty();
        List<JsonNode> lines = json(run);
        assertThat(lines).hasSize(20);

        // tcpdump -e -v, parsed independently: frame, src, dst, both info blocks, max delay
        String out = Files.readString(Path.of(CliRun.capture("tcpdump__lacp-ev.out")));
        Matcher m = Pattern.compile("(?s)\\s*(\\d+)\\s+\\S+ \\S+ (\\S+) > (\\S+), ethertype Slow Protocols.*?LACPv(\\d+)"
                + ".*?Actor.*?System (\\S+), System Priority (\\d+), Key (\\d+), Port (\\d+), Port Priority (\\d+)"
                + "\\s+State Flags \\[(.*?)\\]"
                + ".*?Partner.*?System (\\S+), System Priority (\\d+), Key (\\d+), Port (\\d+), Port Priority (\\d+)"
                + "\\s+State Flags \\[(.*?)\\].*?Max Delay (\\d+)").matcher(out);
        int i = 0;
        while (m.find()) {
            JsonNode l = lines.get(i++);
            assertThat(l.get("frame").asInt()).isEqualTo(Integer.parseInt(m.group(1)));
            assertThat(l.get("type").asText()).isEqualTo("lacp");
            assertThat(l.get("src").asText()).isEqualTo(m.group(2));
            assertThat(l.get("dst").asText()).isEqualTo(m.group(3));
            assertThat(l.get("vlan").isNull()).isTrue();
            assertThat(l.get("version").asInt()).isEqualTo(Integer.parseInt(m.group(4)));
            assertInfo(l.get("actor"), m, 5);
            assertInfo(l.get("partner"), m, 11);
            assertThat(l.get("collectorMaxDelay").asInt()).isEqualTo(Integer.parseInt(m.group(17)));
        }
        assertThat(i).isEqualTo(20);
    }

    private static void assertInfo(JsonNode info, Matcher m, int g) {
        assertThat(info.get("system").asText()).isEqualTo(m.group(g));
        assertThat(info.get("systemPriority").asInt()).isEqualTo(Integer.parseInt(m.group(g + 1)));
        assertThat(info.get("key").asInt()).isEqualTo(Integer.parseInt(m.group(g + 2)));
        assertThat(info.get("port").asInt()).isEqualTo(Integer.parseInt(m.group(g + 3)));
        assertThat(info.get("portPriority").asInt()).isEqualTo(Integer.parseInt(m.group(g + 4)));
        List<String> tcpdumpNames = m.group(g + 5).equals("none") ? List.of()
                : Arrays.stream(m.group(g + 5).split(", ")).map(n -> n.equals("Default") ? "defaulted" : n.toLowerCase())
                .toList();
        List<String> ours = new ArrayList<>();
        info.get("stateFlags").forEach(n -> ours.add(n.asText()));
        assertThat(ours).isEqualTo(tcpdumpNames);
        int state = 0;
        String[] names = {"activity", "timeout", "aggregation", "synchronization", "collecting", "distributing",
            "defaulted", "expired"};
        for (int bit = 0; bit < 8; bit++) {
            state |= ours.contains(names[bit]) ? 1 << bit : 0;
        }
        assertThat(info.get("state").asInt()).isEqualTo(state);
    }

    @Test
    void rapidPvstTrunkCapture() {
        List<JsonNode> lines = json(CliRun.of("decode", CliRun.capture("tcpdump__rpvstp-trunk-native-vid5.pcap"), "--json"));
        assertThat(lines).hasSize(18);
        assertThat(lines).extracting(l -> l.get("frame").asInt())
                .containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21);
        JsonNode tagged = lines.get(0);
        assertThat(tagged.toString()).isEqualTo("{\"frame\":3,\"src\":\"00:1f:6d:96:ec:04\",\"dst\":\"01:00:0c:cc:cc:cd\","
                + "\"vlan\":1,\"type\":\"rstp\",\"protocolVersion\":2,\"bpduType\":2,\"pvst\":true,\"flags\":14,"
                + "\"topologyChange\":false,\"topologyChangeAck\":false,\"proposal\":true,\"agreement\":false,"
                + "\"learning\":false,\"forwarding\":false,\"portRole\":\"designated\","
                + "\"rootId\":{\"priority\":32768,\"systemIdExtension\":1,\"mac\":\"00:1f:6d:96:ec:00\"},"
                + "\"rootPathCost\":0,"
                + "\"bridgeId\":{\"priority\":32768,\"systemIdExtension\":1,\"mac\":\"00:1f:6d:96:ec:00\"},"
                + "\"portId\":32772,\"messageAge\":0.0,\"maxAge\":20.0,\"helloTime\":2.0,\"forwardDelay\":15.0,"
                + "\"pvstVlan\":1}");
        JsonNode ieee = lines.get(1);
        assertThat(ieee.get("pvst").asBoolean()).isFalse();
        assertThat(ieee.has("pvstVlan")).isFalse();
        assertThat(ieee.get("vlan").isNull()).isTrue();
        JsonNode native5 = lines.get(2);
        assertThat(native5.get("pvstVlan").asInt()).isEqualTo(5);
        assertThat(native5.get("rootId").get("systemIdExtension").asInt()).isEqualTo(5);
    }

    @Test
    void mstpCaptureCarriesTheMstObject() {
        List<JsonNode> lines = json(CliRun.of("decode", CliRun.capture("tcpdump__MSTP_Intra-Region_BPDUs.pcap"), "--json"));
        assertThat(lines).hasSize(10).allSatisfy(l -> assertThat(l.get("type").asText()).isEqualTo("mstp"));
        JsonNode first = lines.get(0);
        assertThat(first.get("vlan").asInt()).as("priority-tagged").isZero();
        assertThat(first.get("portRole").asText()).isEqualTo("root");
        assertThat(first.get("messageAge").asDouble()).isEqualTo(1.0);
        // values as tcpdump__mstp-v.out prints them for frame 1
        assertThat(first.get("mst").toString()).isEqualTo("{\"configName\":\"Brewery\",\"revisionLevel\":0,"
                + "\"digest\":\"9357ebb7a8d74dd5fef4f2bab50531aa\",\"cistInternalRootPathCost\":200000,"
                + "\"cistBridgeId\":{\"priority\":32768,\"systemIdExtension\":0,\"mac\":\"00:1e:f7:05:a8:80\"},"
                + "\"remainingHops\":20,\"mstis\":["
                + "{\"id\":1,\"flags\":252,\"regionalRootId\":{\"priority\":24576,\"systemIdExtension\":1,"
                + "\"mac\":\"00:1e:f7:05:a8:80\"},\"internalRootPathCost\":0,\"bridgePriority\":24576,"
                + "\"portPriority\":128,\"remainingHops\":20},"
                + "{\"id\":2,\"flags\":248,\"regionalRootId\":{\"priority\":32768,\"systemIdExtension\":2,"
                + "\"mac\":\"00:16:46:b5:8c:80\"},\"internalRootPathCost\":200000,\"bridgePriority\":32768,"
                + "\"portPriority\":128,\"remainingHops\":20}]}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tcpdump__802.1D_spanning_tree.pcap, 14, stp-config",
        "tcpdump__802.1w_rapid_STP.pcap,     30, rstp",
        "tcpdump__evb.pcap,                  15, mstp",
        "zeek__raw_packets.pcap,              4, stp-config",
        "PcapPlusPlus__EthDot3.pcap,          1, stp-config",
        "PcapPlusPlus__Sll2PacketLLC.pcap,    1, rstp",
        "generated/linuxbridge-sll.pcap,      3, stp-config",
        "generated/LACP.pcapng,              20, lacp",
    })
    void everyGoldenCaptureDecodes(String capture, int count, String type) {
        CliRun run = CliRun.of("decode", CliRun.capture(capture), "--json");
        assertThat(run.exitCode()).isZero();
        assertThat(json(run)).hasSize(count).allSatisfy(l -> assertThat(l.get("type").asText()).isEqualTo(type));
    }

    @Test
    void configBpduHasNoPortRoleAndCookedCapturesHaveNoDestination() {
        JsonNode config = json(CliRun.of("decode", CliRun.capture("PcapPlusPlus__EthDot3.pcap"), "--json")).get(0);
        assertThat(config.has("portRole")).isFalse();
        assertThat(config.get("rootId").get("priority").asInt()).isZero();
        assertThat(config.get("rootPathCost").asInt()).isEqualTo(10000);
        assertThat(config.get("portId").asInt()).isEqualTo(0x801b);
        JsonNode sll2 = json(CliRun.of("decode", CliRun.capture("PcapPlusPlus__Sll2PacketLLC.pcap"), "--json")).get(0);
        assertThat(sll2.get("src").asText()).isEqualTo("e0:1c:fc:d3:b1:e1");
        assertThat(sll2.get("dst").isNull()).isTrue();
        assertThat(sll2.get("messageAge").asDouble()).isEqualTo(3.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "malformed/tcpdump__stp-heapoverflow-1.pcap, 'truncated BPDU: need 4 octets, have 2 at offset 17 (only 19 of 262144 octets captured)'",
        "malformed/tcpdump__stp-heapoverflow-2.pcap, 'truncated BPDU: need 4 octets, have 3 at offset 17 (only 20 of 262144 octets captured)'",
        "malformed/tcpdump__stp-heapoverflow-3.pcap, 'truncated BPDU: need 4 octets, have 0 at offset 17 (only 17 of 262144 octets captured)'",
        "malformed/tcpdump__stp-heapoverflow-4.pcap, 'truncated Configuration BPDU: need 35 octets, have 5 at offset 17 (only 22 of 262144 octets captured)'",
        "malformed/tcpdump__stp-v4-length-sigsegv.pcap, 'truncated SPT BPDU: need 102 octets, have 45 at offset 17 (only 206 of 262144 octets captured)'",
    })
    void malformedCapturesGiveMalformedLinesAndExitZero(String capture, String reason) {
        CliRun run = CliRun.of("decode", CliRun.capture(capture), "--json");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        List<JsonNode> lines = json(run);
        assertThat(lines).hasSize(1);
        JsonNode l = lines.get(0);
        assertThat(l.fieldNames()).toIterable().containsExactly("frame", "src", "dst", "vlan", "type", "reason");
        assertThat(l.get("type").asText()).isEqualTo("malformed");
        assertThat(l.get("src").asText()).isEqualTo("30:30:30:30:30:30");
        assertThat(l.get("reason").asText()).isEqualTo(reason);
        assertThat(l.get("frame").asInt()).isEqualTo(capture.contains("sigsegv") ? 1 : 14);
    }

    @Test
    void otherSlowProtocolSubtypeIsSlowOther() {
        List<JsonNode> lines = json(CliRun.of("decode", CliRun.capture("malformed/tcpdump__slow-ossp.pcap"), "--json"));
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).toString()).isEqualTo("{\"frame\":1,\"src\":\"00:11:22:33:44:55\","
                + "\"dst\":\"01:80:c2:00:00:02\",\"vlan\":null,\"type\":\"slow-other\",\"subtype\":10,\"length\":52}");
    }

    @Test
    void framesWeSendDecode() throws IOException {
        MacAddress us = MacAddress.parse("02:00:00:00:00:01");
        BridgeId bridge = BridgeId.of(4096, us);
        RstBpdu rst = new RstBpdu(BpduFlags.of(true, false, BpduPortRole.ROOT, true, true, true, false), bridge, 2000,
                bridge, new PortId(128, 3), BpduTimes.ofSeconds(1, 6, 1, 4));
        Path file = pcap(FrameEncoder.marker(us, MarkerPdu.request(7, us, 0xBEEF)),
                FrameEncoder.marker(us, MarkerPdu.request(7, us, 0xBEEF).response()),
                FrameEncoder.bpdu(us, new TcnBpdu().encode()),
                FrameEncoder.bpdu(us, rst.encode()));
        List<JsonNode> lines = json(CliRun.of("decode", file.toString(), "--json"));
        assertThat(lines.get(0).toString()).isEqualTo("{\"frame\":1,\"src\":\"02:00:00:00:00:01\","
                + "\"dst\":\"01:80:c2:00:00:02\",\"vlan\":null,\"type\":\"marker\",\"version\":1,\"tlv\":\"request\","
                + "\"requesterPort\":7,\"requesterSystem\":\"02:00:00:00:00:01\",\"requesterTransactionId\":48879}");
        assertThat(lines.get(1).get("tlv").asText()).isEqualTo("response");
        assertThat(lines.get(2).toString()).isEqualTo("{\"frame\":3,\"src\":\"02:00:00:00:00:01\","
                + "\"dst\":\"01:80:c2:00:00:00\",\"vlan\":null,\"type\":\"stp-tcn\",\"protocolVersion\":0,"
                + "\"bpduType\":128,\"pvst\":false}");
        JsonNode r = lines.get(3);
        assertThat(r.get("portRole").asText()).isEqualTo("root");
        assertThat(r.get("topologyChange").asBoolean()).isTrue();
        assertThat(r.get("agreement").asBoolean()).isTrue();
        assertThat(r.get("proposal").asBoolean()).isFalse();
        assertThat(r.get("rootId").get("priority").asInt()).isEqualTo(4096);
        assertThat(r.get("forwardDelay").asDouble()).isEqualTo(4.0);
    }

    @Test
    void textOutputIsOneLinePerPdu() {
        CliRun run = CliRun.of("decode", CliRun.capture("tcpdump__LACP.pcap"));
        assertThat(run.exitCode()).isZero();
        assertThat(run.lines()).hasSize(20);
        assertThat(run.lines().get(0)).isEqualTo("    1  2009-11-15 04:02:10.267147 00:13:c4:12:0f:0d > 01:80:c2:00:00:02: "
                + "LACPv1 actor 32768/00:13:c4:12:0f:00 key 13 port 32768/22 state 0x85 [activity, aggregation, expired], "
                + "partner 32768/00:0e:83:16:f5:00 key 13 port 32768/25 state 0x36 "
                + "[timeout, aggregation, collecting, distributing], max-delay 32768");
        CliRun stp = CliRun.of("decode", CliRun.capture("tcpdump__rpvstp-trunk-native-vid5.pcap"));
        assertThat(stp.lines().get(0)).isEqualTo("    3  2009-12-16 10:39:21.327398 00:1f:6d:96:ec:04 > 01:00:0c:cc:cc:cd "
                + "vlan 1: PVST+ rstp v2, flags [Proposal], role designated, root 8001.00:1f:6d:96:ec:00 cost 0, "
                + "bridge 8001.00:1f:6d:96:ec:00 port 8004, age 0.00s max-age 20.00s hello 2.00s forward-delay 15.00s, "
                + "pvst-vlan 1");
        CliRun bad = CliRun.of("decode", CliRun.capture("malformed/tcpdump__stp-heapoverflow-4.pcap"));
        assertThat(bad.lines()).containsExactly("   14  1995-08-15 05:27:12.999999 30:30:30:30:30:30 > 30:30:30:30:30:30: "
                + "malformed: truncated Configuration BPDU: need 35 octets, have 5 at offset 17 "
                + "(only 22 of 262144 octets captured)");
    }

    @Test
    void missingFileIsExitTwoWithOneLine() {
        CliRun run = CliRun.of("decode", tmp.resolve("nope.pcap").toString(), "--json");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("twinlink: " + tmp.resolve("nope.pcap") + ": no such file\n");
    }

    @Test
    void notACaptureIsExitTwoWithOneLine() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "hello, world\n");
        CliRun run = CliRun.of("decode", text.toString());
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).isEqualTo("twinlink: " + text + ": not a pcap or pcapng file (magic 0x68656c6c) at file offset 0\n");
        CliRun dir = CliRun.of("decode", tmp.toString());
        assertThat(dir.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(dir.err()).isEqualTo("twinlink: " + tmp + ": is a directory, not a capture file\n");
        Path empty = Files.write(tmp.resolve("empty.pcap"), new byte[0]);
        assertThat(CliRun.of("decode", empty.toString()).err()).contains("not a pcap or pcapng file").doesNotContain("\tat ");
    }

    @Test
    void unreadableFileIsExitTwo() throws IOException {
        Path secret = Files.write(tmp.resolve("secret.pcap"), new byte[24]);
        assertThat(secret.toFile().setReadable(false, false)).isTrue();
        CliRun run = CliRun.of("decode", secret.toString());
        if (Files.isReadable(secret)) {
            // running as root: permission bits do not stop us, so the file is read and refused as not a capture
            assertThat(run.err()).contains("not a pcap or pcapng file");
        } else {
            assertThat(run.err()).isEqualTo("twinlink: " + secret + ": permission denied\n");
        }
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
    }

    @Test
    void aCaptureCutShortPrintsWhatItCouldThenExitsTwo() throws IOException {
        byte[] whole = Files.readAllBytes(Path.of(CliRun.capture("tcpdump__LACP.pcap")));
        Path cut = Files.write(tmp.resolve("cut.pcap"), Arrays.copyOf(whole, 24 + 3 * (16 + 124) + 50));
        CliRun run = CliRun.of("decode", cut.toString(), "--json");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.lines()).hasSize(3);
        assertThat(run.err()).isEqualTo("twinlink: " + cut + ": packet 4 claims 124 captured octets but only 34 remain"
                + " at file offset 452\n");
    }

    @Test
    void unsupportedLinkTypesAreSkippedWithANote() throws IOException {
        PcapWriter w = new PcapWriter(105, 65535, false); // IEEE 802.11
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(w.fileHeader());
        b.writeBytes(w.record(0, new byte[30]));
        Path wifi = Files.write(tmp.resolve("wifi.pcap"), b.toByteArray());
        CliRun run = CliRun.of("decode", wifi.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("skipped packets of unsupported link type [LINKTYPE 105]");
    }

    @Test
    void decodeIsListedAndNeedsAFile() {
        assertThat(CliRun.of("--help").out()).contains("decode");
        CliRun help = CliRun.of("decode", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: twinlink decode").contains("--json");
        CliRun run = CliRun.of("decode");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).startsWith("twinlink: Missing required parameter: 'FILE'");
    }

    private Path pcap(byte[]... frames) throws IOException {
        PcapWriter w = PcapWriter.ethernet();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(w.fileHeader());
        long t = 1_700_000_000_000_000_000L;
        for (byte[] f : frames) {
            b.writeBytes(w.record(t, f));
            t += 1_000_000;
        }
        return Files.write(tmp.resolve("ours.pcap"), b.toByteArray());
    }

    private static List<JsonNode> json(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> out = new ArrayList<>();
        for (String line : run.lines()) {
            try {
                out.add(JSON.readTree(line.getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
