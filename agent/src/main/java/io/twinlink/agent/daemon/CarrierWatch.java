package io.twinlink.agent.daemon;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Asks the drivers for the members' carrier at a short period and reports a member whose
 * carrier differs from what the kernel last notified, as the bonding driver's miimon does.
 *
 * <p>Why: the kernel sends a carrier change through linkwatch, which passes "urgent" events on
 * at once (ports of a bond or team, stacked devices) and batches the others to one run a
 * second. A member of a twinlink aggregate is, to the kernel, a plain interface: a carrier
 * loss within a second of any other link event reached the agent up to a second late
 * (measured 350-420 ms on veth, against 3-6 ms when it came first), while the data plane
 * kept sending into the dead link. The carrier bit itself flips at once and ETHTOOL_GLINK
 * reads it.
 *
 * <p>The period grows with the number of members (0.5 ms each, between {@value #MIN_PERIOD_MS}
 * and {@value #MAX_PERIOD_MS} ms) so a thousand ports cost a few thousand ioctls a second.
 * Runs on the event loop.
 */
final class CarrierWatch {

    static final long MIN_PERIOD_MS = 10;
    static final long MAX_PERIOD_MS = 500;

    private final Scheduler loop;
    private final List<String> ports;
    private final Function<String, Optional<Boolean>> carrierNow;
    private final Predicate<String> knownCarrier;
    private final Consumer<String> changed;
    private final long periodNanos;
    private boolean stopped;

    /**
     * @param carrierNow   the driver's carrier now, empty when it cannot tell
     * @param knownCarrier the carrier the agent last heard of
     * @param changed      told of a port whose carrier differs from the one last heard of
     */
    CarrierWatch(Scheduler loop, List<String> ports, Function<String, Optional<Boolean>> carrierNow,
                 Predicate<String> knownCarrier, Consumer<String> changed) {
        this.loop = loop;
        this.ports = List.copyOf(ports);
        this.carrierNow = carrierNow;
        this.knownCarrier = knownCarrier;
        this.changed = changed;
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis(ports.size()));
    }

    static long periodMillis(int ports) {
        return Math.max(MIN_PERIOD_MS, Math.min(MAX_PERIOD_MS, ports / 2));
    }

    void start() {
        if (!ports.isEmpty()) {
            loop.schedule(this::check, periodNanos);
        }
    }

    void stop() {
        stopped = true;
    }

    private void check() {
        if (stopped) {
            return;
        }
        for (String port : ports) {
            Optional<Boolean> now = carrierNow.apply(port);
            if (now.isPresent() && now.get() != knownCarrier.test(port)) {
                changed.accept(port);
            }
        }
        loop.schedule(this::check, periodNanos);
    }
}
