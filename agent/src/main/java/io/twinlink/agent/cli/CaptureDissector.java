package io.twinlink.agent.cli;

import io.twinlink.wire.FrameDecoder;
import io.twinlink.wire.FrameHeader;
import io.twinlink.wire.FramePdu;
import io.twinlink.wire.LinkType;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.MalformedPduException;
import io.twinlink.wire.NotAPdu;
import io.twinlink.wire.pcap.CapturedPacket;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Decides what {@code decode} says about one captured packet: nothing for frames that carry
 * none of our PDUs, the PDU when it decodes, "malformed" with the reason when it does not.
 * A frame too broken to even find its payload is reported as malformed only when it was sent
 * to one of the control-protocol group addresses; otherwise it is just noise.
 */
final class CaptureDissector {

    private static final Set<MacAddress> CONTROL_ADDRESSES =
            Set.of(MacAddress.SLOW_PROTOCOLS, MacAddress.BRIDGE_GROUP, MacAddress.PVST);
    private static final int ADDRESSES_LENGTH = 12;

    Optional<Dissection> dissect(CapturedPacket packet) {
        if (!LinkType.isSupported(packet.linkType())) {
            return Optional.empty();
        }
        ByteBuffer data = packet.data();
        FrameHeader header;
        try {
            header = FrameHeader.decode(packet.linkType(), data);
        } catch (MalformedPduException e) {
            return unframeable(packet, e);
        }
        try {
            FramePdu pdu = FrameDecoder.decodePayload(header, data);
            if (pdu instanceof NotAPdu) {
                return Optional.empty();
            }
            return Optional.of(new Dissection(packet.number(), packet.timestampNanos(), header.source(),
                    header.destination(), header.outerVid(), pdu, null));
        } catch (MalformedPduException e) {
            return Optional.of(new Dissection(packet.number(), packet.timestampNanos(), header.source(),
                    header.destination(), header.outerVid(), null, reason(packet, e)));
        }
    }

    private static Optional<Dissection> unframeable(CapturedPacket packet, MalformedPduException e) {
        ByteBuffer data = packet.data();
        if (packet.linkType() != LinkType.ETHERNET || data.remaining() < ADDRESSES_LENGTH) {
            return Optional.empty();
        }
        MacAddress destination = MacAddress.read(data, data.position());
        if (!CONTROL_ADDRESSES.contains(destination)) {
            return Optional.empty();
        }
        MacAddress source = MacAddress.read(data, data.position() + MacAddress.LENGTH);
        return Optional.of(new Dissection(packet.number(), packet.timestampNanos(), source, destination,
                OptionalInt.empty(), null, reason(packet, e)));
    }

    /** The decoder's reason, and whether the capture itself cut the frame short (a snap length). */
    private static String reason(CapturedPacket packet, MalformedPduException e) {
        String reason = e.getMessage();
        if (packet.truncated()) {
            reason += " (only " + packet.capturedLength() + " of " + packet.originalLength() + " octets captured)";
        }
        return reason;
    }
}
