package io.twinlink.stp;

/** What {@code rcvInfo()} found a received message to be [802.1D-2004 17.21.8, 17.19.25 rcvdInfo]. */
enum RcvdInfo {
    SUPERIOR_DESIGNATED_INFO,
    REPEATED_DESIGNATED_INFO,
    INFERIOR_DESIGNATED_INFO,
    INFERIOR_ROOT_ALTERNATE_INFO,
    OTHER_INFO
}
