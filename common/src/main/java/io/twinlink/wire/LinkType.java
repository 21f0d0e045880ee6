package io.twinlink.wire;

/**
 * The link-layer header types (tcpdump.org LINKTYPE_ values) that frames can come with: what
 * pcap files and pcap handles report, and what {@link FrameDecoder#decode(int, java.nio.ByteBuffer)}
 * understands.
 */
public final class LinkType {

    /** LINKTYPE_ETHERNET: an Ethernet/802.3 frame without preamble or FCS. */
    public static final int ETHERNET = 1;
    /** LINKTYPE_LINUX_SLL: Linux "cooked" capture v1 (tcpdump -i any on older libpcap). */
    public static final int LINUX_SLL = 113;
    /** LINKTYPE_LINUX_SLL2: Linux "cooked" capture v2. */
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }

    public static boolean isSupported(int linkType) {
        return linkType == ETHERNET || linkType == LINUX_SLL || linkType == LINUX_SLL2;
    }

    public static String name(int linkType) {
        return switch (linkType) {
            case ETHERNET -> "EN10MB";
            case LINUX_SLL -> "LINUX_SLL";
            case LINUX_SLL2 -> "LINUX_SLL2";
            default -> "LINKTYPE " + linkType;
        };
    }
}
