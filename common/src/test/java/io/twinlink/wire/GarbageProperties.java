package io.twinlink.wire;

import io.twinlink.wire.pcap.CaptureReader;
import io.twinlink.wire.pcap.CapturedPacket;
import io.twinlink.wire.pcap.MalformedCaptureException;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Garbage in, MalformedPduException (or a result) out: never any other exception. Random bytes
 * rarely look like a PDU, so the second half mutates real frames and captures instead.
 */
class GarbageProperties {

    private static final List<byte[]> GOLDEN_FRAMES = List.of(
            Captures.frame("tcpdump__LACP.pcap", 1),
            Captures.frame("tcpdump__MSTP_Intra-Region_BPDUs.pcap", 1),
            Captures.frame("tcpdump__rpvstp-trunk-native-vid5.pcap", 3),
            Captures.frame("tcpdump__rpvstp-trunk-native-vid5.pcap", 5),
            Captures.frame("PcapPlusPlus__EthDot3.pcap", 1),
            FrameEncoder.marker(MacAddress.ZERO, MarkerPdu.request(1, MacAddress.ZERO, 1)),
            FrameEncoder.bpdu(MacAddress.ZERO, new TcnBpdu().encode()));
    private static final int MAX_FLIPS = 4;
    private static final byte[] SLL2_FRAME = Captures.frame("PcapPlusPlus__Sll2PacketLLC.pcap", 1);
    private static final List<byte[]> GOLDEN_FILES = List.of(
            Captures.bytes("tcpdump__LACP.pcap"), Captures.bytes("generated/LACP.pcapng"),
            Captures.bytes("generated/rpvstp-trunk-native-vid5.pcapng"));

    @Property(tries = 5000)
    void randomBytesNeverThrowAnythingElse(@ForAll @Size(max = 200) byte[] bytes) {
        for (int linkType : new int[] {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2}) {
            decodeFrame(linkType, bytes);
        }
        decodePdus(bytes);
    }

    @Property(tries = 5000)
    void mutatedGoldenFramesNeverThrowAnythingElse(@ForAll("mutatedFrames") byte[] frame) {
        decodeFrame(LinkType.ETHERNET, frame);
        byte[] sll2 = new byte[20 + frame.length];
        System.arraycopy(SLL2_FRAME, 0, sll2, 0, 20);
        System.arraycopy(frame, 0, sll2, 20, frame.length);
        decodeFrame(LinkType.LINUX_SLL2, sll2);
        if (frame.length > 14) {
            decodePdus(java.util.Arrays.copyOfRange(frame, 14, frame.length));
        }
    }

    @Property(tries = 2000)
    void mutatedCaptureFilesNeverThrowAnythingElse(@ForAll("mutatedFiles") byte[] file) {
        try {
            CaptureReader reader = CaptureReader.open(file);
            for (CapturedPacket p = reader.next(); p != null; p = reader.next()) {
                if (LinkType.isSupported(p.linkType())) {
                    decodeFrame(p.linkType(), p.data());
                }
            }
        } catch (MalformedCaptureException expected) {
            // the only way to say no
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedFrames() {
        return mutate(Arbitraries.of(GOLDEN_FRAMES));
    }

    @Provide
    Arbitrary<byte[]> mutatedFiles() {
        return mutate(Arbitraries.of(GOLDEN_FILES));
    }

    /** Flip a few octets to random values, then maybe cut the end off. */
    private static Arbitrary<byte[]> mutate(Arbitrary<byte[]> originals) {
        return Combinators.combine(originals, Arbitraries.integers().between(0, MAX_FLIPS),
                Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofSize(MAX_FLIPS),
                Arbitraries.bytes().list().ofSize(MAX_FLIPS), Arbitraries.doubles().between(0.3, 1.0),
                Arbitraries.of(true, false))
                .as((original, flips, where, values, keep, cut) -> {
                    byte[] b = original.clone();
                    for (int i = 0; i < flips && b.length > 0; i++) {
                        b[where.get(i) % b.length] = values.get(i);
                    }
                    return cut ? java.util.Arrays.copyOf(b, (int) (b.length * keep)) : b;
                });
    }

    private static void decodeFrame(int linkType, byte[] bytes) {
        decodeFrame(linkType, ByteBuffer.wrap(bytes));
    }

    private static void decodeFrame(int linkType, ByteBuffer bytes) {
        try {
            FrameHeader h = FrameHeader.decode(linkType, bytes);
            FrameDecoder.decodePayload(h, bytes);
        } catch (MalformedPduException expected) {
            // the only way to say no
        }
        try {
            FrameDecoder.decode(linkType, bytes);
        } catch (MalformedPduException expected) {
            // the only way to say no
        }
    }

    private static void decodePdus(byte[] bytes) {
        try {
            Bpdu.decode(ByteBuffer.wrap(bytes));
        } catch (MalformedPduException expected) {
            // the only way to say no
        }
        try {
            Lacpdu.decode(ByteBuffer.wrap(bytes));
        } catch (MalformedPduException expected) {
            // the only way to say no
        }
        try {
            MarkerPdu.decode(ByteBuffer.wrap(bytes));
        } catch (MalformedPduException expected) {
            // the only way to say no
        }
    }
}
