package io.twinlink.agent.io;

/**
 * What a transport has done since it was opened.
 *
 * @param rxFrames     frames handed to the listener
 * @param txFrames     frames the kernel accepted for sending
 * @param txErrors     frames the kernel refused (interface down, gone...)
 * @param captureDrops frames the kernel dropped before we could read them (pcap's
 *                     {@code ps_drop + ps_ifdrop}): a full capture buffer means a stalled reader
 */
public record FrameCounters(long rxFrames, long txFrames, long txErrors, long captureDrops) {
}
