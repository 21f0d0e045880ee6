package io.twinlink.wire.pcap;

import java.nio.ByteBuffer;

/**
 * One packet of a capture file.
 *
 * @param number          1-based position among all packets of the file (what tcpdump -# and
 *                        Wireshark call the frame number)
 * @param timestampNanos  nanoseconds since the Unix epoch, as recorded (never read from a clock)
 * @param linkType        the {@link io.twinlink.wire.LinkType} of the interface it was captured on
 * @param interfaceId     pcapng interface index (0 for pcap)
 * @param originalLength  length on the wire; more than {@code data.remaining()} when the snap
 *                        length cut it
 * @param data            the captured octets: a read-only big-endian view into the file's buffer
 */
public record CapturedPacket(int number, long timestampNanos, int linkType, int interfaceId, int originalLength,
                             ByteBuffer data) {

    public int capturedLength() {
        return data.remaining();
    }

    public boolean truncated() {
        return originalLength > data.remaining();
    }
}
