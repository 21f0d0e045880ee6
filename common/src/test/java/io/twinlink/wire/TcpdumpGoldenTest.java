package io.twinlink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.wire.pcap.CapturedPacket;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every golden capture decodes to exactly what tcpdump printed for it: the same set of frames
 * are LACPDUs/BPDUs, and every value tcpdump shows (addresses with -e, timestamps, each field)
 * is equal. The pcapng and nanosecond copies must agree with the original's oracle too.
 */
class TcpdumpGoldenTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "tcpdump__LACP.pcap,                          tcpdump__lacp-ev.out,                 20",
        "tcpdump__802.1D_spanning_tree.pcap,          tcpdump__stp-v.out,                   14",
        "tcpdump__802.1w_rapid_STP.pcap,              tcpdump__rstp-v.out,                  30",
        "tcpdump__MSTP_Intra-Region_BPDUs.pcap,       tcpdump__mstp-v.out,                  10",
        "tcpdump__rpvstp-trunk-native-vid5.pcap,      tcpdump__rpvst-v.out,                 18",
        "tcpdump__evb.pcap,                           tcpdump__evb.out,                     15",
        "PcapPlusPlus__EthDot3.pcap,                  generated/PcapPlusPlus__EthDot3.out,   1",
        "PcapPlusPlus__Sll2PacketLLC.pcap,            generated/PcapPlusPlus__Sll2PacketLLC.out, 1",
        "zeek__raw_packets.pcap,                      generated/zeek__raw_packets.out,       4",
        "generated/linuxbridge-eth.pcap,              generated/linuxbridge-eth.out,         2",
        "generated/linuxbridge-sll.pcap,              generated/linuxbridge-sll.out,         3",
        "generated/linuxbridge-sll2.pcap,             generated/linuxbridge-sll2.out,        8",
        "generated/LACP.pcapng,                       tcpdump__lacp-ev.out,                 20",
        "generated/MSTP_Intra-Region_BPDUs.nsec.pcap, tcpdump__mstp-v.out,                  10",
        "generated/rpvstp-trunk-native-vid5.pcapng,   tcpdump__rpvst-v.out,                 18",
    })
    void decodesToWhatTcpdumpPrinted(String capture, String out, int pdus) throws MalformedPduException {
        Map<Integer, TcpdumpOracle.Expected> expected = TcpdumpOracle.read(out);
        assertThat(expected).as("oracle PDUs in %s", out).hasSize(pdus);

        Map<Integer, TcpdumpOracle.Expected> actual = new TreeMap<>();
        for (CapturedPacket p : Captures.packets(capture)) {
            FrameHeader header = FrameHeader.decode(p.linkType(), p.data());
            FramePdu pdu = FrameDecoder.decodePayload(header, p.data());
            if (pdu instanceof NotAPdu) {
                continue;
            }
            TcpdumpOracle.Expected oracle = expected.get(p.number());
            String addresses = oracle != null && oracle.addresses() != null ? TcpdumpStyle.addresses(header) : null;
            actual.put(p.number(), new TcpdumpOracle.Expected(TcpdumpStyle.time(p.timestampNanos()), addresses,
                    TcpdumpStyle.pdu(pdu)));
        }
        assertThat(actual).containsExactlyEntriesOf(new TreeMap<>(expected));
    }
}
