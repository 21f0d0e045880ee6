package io.twinlink.it.stp;

/**
 * Bridge Hello Time, Max Age and Forward Delay in seconds [802.1D-2004 17.13]. The tests use
 * the shortest the standard allows with hello 1 s, so 802.1D convergence takes seconds, not
 * half a minute.
 */
record StpTimers(int helloTime, int maxAge, int forwardDelay) {

    /** 2 x (Forward Delay - 1) >= Max Age >= 2 x (Hello Time + 1) [802.1D-2004 17.14] at its tightest. */
    static final StpTimers SHORT = new StpTimers(1, 6, 4);
    /** The recommended values of 802.1D-2004 table 17-1. */
    static final StpTimers STANDARD = new StpTimers(2, 20, 15);
}
