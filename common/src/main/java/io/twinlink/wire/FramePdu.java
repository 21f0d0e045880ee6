package io.twinlink.wire;

/**
 * What {@link FrameDecoder} found in a frame: a LACPDU, a Marker PDU, another Slow Protocols
 * PDU, a BPDU (IEEE or PVST+), or nothing of ours.
 */
public sealed interface FramePdu permits Lacpdu, MarkerPdu, OtherSlowProtocolPdu, FramedBpdu, NotAPdu {
}
