package io.twinlink.agent.config;

import java.time.Duration;

/**
 * LACP_Timeout as asked of the partner [802.1AX-2020 6.4.2.3]: fast (short timeout) means the
 * partner sends every Fast_Periodic_Time, slow every Slow_Periodic_Time [6.4.4].
 */
public enum LacpRate {
    FAST(Duration.ofSeconds(1)),
    SLOW(Duration.ofSeconds(30));

    private final Duration periodicTime;

    LacpRate(Duration periodicTime) {
        this.periodicTime = periodicTime;
    }

    public Duration periodicTime() {
        return periodicTime;
    }
}
