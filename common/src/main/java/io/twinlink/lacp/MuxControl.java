package io.twinlink.lacp;

/**
 * Which Mux machine a bundle runs [802.1AX-2020 6.4.15]: coupled control enables collecting
 * and distributing together; independent control enables collecting first and distributing
 * only once the partner says it is collecting.
 */
public enum MuxControl {
    COUPLED, INDEPENDENT
}
