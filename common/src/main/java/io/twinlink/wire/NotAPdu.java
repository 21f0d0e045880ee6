package io.twinlink.wire;

/** A frame that carries none of the PDUs twinlink speaks (IP, ARP, LLDP, CDP, DTP...). */
public record NotAPdu() implements FramePdu {

    public static final NotAPdu INSTANCE = new NotAPdu();
}
