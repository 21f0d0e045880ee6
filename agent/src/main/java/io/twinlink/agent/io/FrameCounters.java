package io.twinlink.agent.io;

/**
 * What a transport has done since it was opened.
 *
 * @param rxFrames     frames handed to the listener
 * @param txFrames     frames the kernel accepted for sending
 * @param txErrors     frames the kernel refused (interface down, gone...)
 * @param captureDrops frames the kernel dropped before we could read them (pcap's
 *                     {@code ps_drop + ps_ifdrop}): a full capture buffer means a stalled reader
 * @param policed      frames captured but not handed to the listener because their talker
 *                     exceeded its rate ({@link IngressPolicer}): a flood on the wire
 */
public record FrameCounters(long rxFrames, long txFrames, long txErrors, long captureDrops, long policed) {

    public FrameCounters(long rxFrames, long txFrames, long txErrors, long captureDrops) {
        this(rxFrames, txFrames, txErrors, captureDrops, 0);
    }
}
