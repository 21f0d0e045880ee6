package io.twinlink.stp;

import io.twinlink.wire.BpduTimes;

/**
 * Timer parameter values, as a port holds them [802.1D-2004 17.19.22 portTimes, 17.19.15
 * msgTimes, 17.19.2 designatedTimes, 17.18.7 rootTimes]: Message Age, Max Age, Forward Delay
 * and Hello Time, in whole seconds (the state machines count in one-second ticks, 17.22).
 */
public record Times(int messageAge, int maxAge, int forwardDelay, int helloTime) {

    private static final int HALF_UNIT = BpduTimes.UNITS_PER_SECOND / 2;

    /** A received message's times, each rounded to the nearest whole second [17.21.8, 17.21.23]. */
    static Times fromBpdu(BpduTimes t) {
        return new Times(round(t.messageAge()), round(t.maxAge()), round(t.forwardDelay()), round(t.helloTime()));
    }

    private static int round(int units) {
        return (units + HALF_UNIT) / BpduTimes.UNITS_PER_SECOND;
    }

    BpduTimes toBpdu() {
        return BpduTimes.ofSeconds(Math.min(messageAge, 255), maxAge, helloTime, forwardDelay);
    }

    Times withMessageAge(int seconds) {
        return new Times(seconds, maxAge, forwardDelay, helloTime);
    }

    Times withHelloTime(int seconds) {
        return new Times(messageAge, maxAge, forwardDelay, seconds);
    }
}
