package io.twinlink.agent.cli;

import io.twinlink.wire.FramePdu;
import io.twinlink.wire.MacAddress;
import java.util.OptionalInt;

/**
 * One line of {@code twinlink decode}: a LACPDU, Marker PDU, other Slow Protocols PDU or BPDU
 * found in a capture, or a frame that was one of those but is malformed.
 *
 * @param frame          1-based frame number over all frames of the file
 * @param destination    {@code null} in a Linux cooked capture (it records no destination)
 * @param source         {@code null} when the capture recorded no Ethernet source
 * @param pdu            the decoded PDU, or {@code null} when {@code malformedReason} is set
 * @param malformedReason why the PDU could not be decoded, or {@code null}
 */
record Dissection(int frame, long timestampNanos, MacAddress source, MacAddress destination, OptionalInt vlan,
                  FramePdu pdu, String malformedReason) {

    boolean malformed() {
        return malformedReason != null;
    }
}
