package io.twinlink.agent.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT taken as a request to stop, instead of the JVM's default handling. The
 * JVM would run its shutdown hooks and then exit with 128+15 = 143, which systemd (without
 * {@code SuccessExitStatus=143}) and any supervisor read as a failure; the agent instead
 * closes gracefully on its main thread and exits 0. Closing this restores the previous
 * handlers.
 */
final class StopSignals implements AutoCloseable {

    static final List<String> NAMES = List.of("TERM", "INT");

    private final CountDownLatch received = new CountDownLatch(1);
    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();
    private volatile String receivedName;

    private StopSignals() {
    }

    /** Installs the handlers; a signal arriving from now on is remembered until {@link #await}. */
    static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String name : NAMES) {
            Signal signal = new Signal(name);
            signals.previous.put(signal, Signal.handle(signal, signals::onSignal));
        }
        return signals;
    }

    private void onSignal(Signal signal) {
        receivedName = "SIG" + signal.getName();
        received.countDown();
    }

    /** Blocks until SIGTERM or SIGINT; returns its name, e.g. {@code SIGTERM}. */
    String await() throws InterruptedException {
        received.await();
        return receivedName;
    }

    /** As {@link #await()} with a limit; {@code null} when no signal came in time. */
    String await(Duration limit) throws InterruptedException {
        return received.await(limit.toNanos(), TimeUnit.NANOSECONDS) ? receivedName : null;
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
        previous.clear();
    }
}
