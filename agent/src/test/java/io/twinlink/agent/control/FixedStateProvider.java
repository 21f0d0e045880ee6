package io.twinlink.agent.control;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A StateProvider that answers fixed snapshots from its own single thread, the way the
 * daemon's implementation answers from the event loop: the seam the control side is built on.
 */
public final class FixedStateProvider implements StateProvider, AutoCloseable {

    private final ExecutorService loop = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fake-event-loop");
        t.setDaemon(true);
        return t;
    });
    private final Supplier<LacpSnapshot> lacp;
    private final Supplier<PortsSnapshot> ports;
    public final AtomicInteger requests = new AtomicInteger();

    public FixedStateProvider(Supplier<LacpSnapshot> lacp, Supplier<PortsSnapshot> ports) {
        this.lacp = lacp;
        this.ports = ports;
    }

    public static FixedStateProvider standard() {
        return new FixedStateProvider(Snapshots::lacp, Snapshots::ports);
    }

    @Override
    public CompletionStage<LacpSnapshot> lacp() {
        requests.incrementAndGet();
        return CompletableFuture.supplyAsync(lacp, loop);
    }

    @Override
    public CompletionStage<PortsSnapshot> ports() {
        requests.incrementAndGet();
        return CompletableFuture.supplyAsync(ports, loop);
    }

    @Override
    public void close() {
        loop.shutdownNow();
    }
}
