package io.twinlink.it.stp;

/**
 * One port of a bridge under test.
 *
 * @param role {@code root|designated|alternate|backup|disabled} [802.1D-2004 17.7]; for an
 *             802.1D bridge derived the way 802.1D-1998 defines it (the Root Port, a port whose
 *             designated bridge and port are this bridge's own, every other port blocked)
 */
record BridgePort(String name, String role, PortState state) {

    boolean forwarding() {
        return state == PortState.FORWARDING;
    }
}
