package io.twinlink.stp;

/** Where a port's port priority vector came from [802.1D-2004 17.19.10 infoIs]. */
enum InfoIs {
    /** Received from the Designated Bridge on the port's LAN. */
    RECEIVED,
    /** Our own designated priority vector. */
    MINE,
    /** Received information has aged out (or the port just came up). */
    AGED,
    /** The port is disabled. */
    DISABLED
}
