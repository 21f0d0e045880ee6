package io.twinlink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.wire.pcap.CapturedPacket;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The second oracle: what TShark's STP dissector reports for VLAN tags, the PVST+
 * Originating VLAN, and the bridge identifiers split into priority, system ID extension
 * and MAC (see captures/README.md for the exact command).
 */
class TsharkGoldenTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "tcpdump__802.1D_spanning_tree.pcap,        generated/tcpdump__802.1D_spanning_tree.tshark.tsv",
        "tcpdump__802.1w_rapid_STP.pcap,            generated/tcpdump__802.1w_rapid_STP.tshark.tsv",
        "tcpdump__MSTP_Intra-Region_BPDUs.pcap,     generated/tcpdump__MSTP_Intra-Region_BPDUs.tshark.tsv",
        "tcpdump__rpvstp-trunk-native-vid5.pcap,    generated/tcpdump__rpvstp-trunk-native-vid5.tshark.tsv",
        "tcpdump__evb.pcap,                         generated/tcpdump__evb.tshark.tsv",
        "PcapPlusPlus__EthDot3.pcap,                generated/PcapPlusPlus__EthDot3.tshark.tsv",
        "PcapPlusPlus__Sll2PacketLLC.pcap,          generated/PcapPlusPlus__Sll2PacketLLC.tshark.tsv",
        "zeek__raw_packets.pcap,                    generated/zeek__raw_packets.tshark.tsv",
        "generated/linuxbridge-eth.pcap,            generated/linuxbridge-eth.tshark.tsv",
        "generated/linuxbridge-sll.pcap,            generated/linuxbridge-sll.tshark.tsv",
        "generated/linuxbridge-sll2.pcap,           generated/linuxbridge-sll2.tshark.tsv",
    })
    void bpdusMatchTshark(String capture, String tsv) throws MalformedPduException {
        Map<Integer, String> expected = new TreeMap<>();
        for (String line : Captures.text(tsv).split("\n")) {
            String[] f = line.split("\t", -1);
            expected.put(Integer.parseInt(f[0]), String.format("vlan=%s pvstVlan=%s root=%s/%s/%s bridge=%s/%s/%s port=%s cost=%s",
                    f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], Integer.decode(f[9]), f[10]));
        }
        Map<Integer, String> actual = new TreeMap<>();
        for (CapturedPacket p : Captures.packets(capture)) {
            FrameHeader h = FrameHeader.decode(p.linkType(), p.data());
            if (FrameDecoder.decodePayload(h, p.data()) instanceof FramedBpdu f && f.bpdu() instanceof InformationBpdu b) {
                String vlans = h.tags().stream().map(t -> Integer.toString(t.vid())).collect(Collectors.joining(","));
                actual.put(p.number(), String.format("vlan=%s pvstVlan=%s root=%d/%d/%s bridge=%d/%d/%s port=%d cost=%d",
                        vlans, f.pvstVlan().isPresent() ? f.pvstVlan().getAsInt() : "",
                        b.rootId().priority(), b.rootId().systemIdExtension(), b.rootId().mac(),
                        b.bridgeId().priority(), b.bridgeId().systemIdExtension(), b.bridgeId().mac(),
                        b.portId().value(), b.rootPathCost()));
            }
        }
        assertThat(actual).isNotEmpty().containsExactlyEntriesOf(expected);
    }
}
