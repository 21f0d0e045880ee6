package io.twinlink.agent.daemon;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Gives a clock-free protocol engine (LACP, STP) its time: before each event it ticks the
 * engine by the monotonic time that passed, and after each event it schedules exactly one
 * wake-up for when the engine's next timer falls due ({@code nanosUntilNextEvent}), so the
 * loop never polls. The engines fire late timers at their exact virtual deadline, so a late
 * wake-up does not make periodic transmissions drift.
 *
 * <p>A <em>stall allowance</em> (optional) keeps a stall of the loop itself from passing for
 * silence of the peers: when the loop runs more than the allowance after the wake-up it had
 * asked for, the time beyond it is not counted. Whatever the peers sent meanwhile is still
 * waiting unread in the sockets; counting the stall would let a timeout fall due before it is
 * read, and declare a live peer dead because this process was not scheduled. Timers then run
 * that much later in real time, once, which a stalled loop cannot avoid anyway.
 *
 * <p>Single-threaded: every method is called on the event loop.
 *
 * @param <E> the engine's effect type
 */
final class EngineClock<E> {

    private final Scheduler loop;
    private final LongSupplier nanoClock;
    private final LongFunction<List<E>> tick;
    private final LongSupplier nanosUntilNextEvent;
    private final Consumer<List<E>> execute;
    private final long stallAllowanceNanos;
    private long lastTick;
    /** When the scheduled wake-up is due (monotonic clock), or {@link Long#MAX_VALUE} if none. */
    private long dueAt = Long.MAX_VALUE;
    private Scheduler.Cancellable wakeUp;
    private boolean stopped;

    EngineClock(Scheduler loop, LongSupplier nanoClock, LongFunction<List<E>> tick, LongSupplier nanosUntilNextEvent,
                Consumer<List<E>> execute) {
        this(loop, nanoClock, tick, nanosUntilNextEvent, execute, 0);
    }

    /** @param stallAllowanceNanos lateness of the loop beyond which time is not counted; 0 counts all of it */
    EngineClock(Scheduler loop, LongSupplier nanoClock, LongFunction<List<E>> tick, LongSupplier nanosUntilNextEvent,
                Consumer<List<E>> execute, long stallAllowanceNanos) {
        this.loop = loop;
        this.nanoClock = nanoClock;
        this.tick = tick;
        this.nanosUntilNextEvent = nanosUntilNextEvent;
        this.execute = execute;
        this.stallAllowanceNanos = stallAllowanceNanos;
        this.lastTick = nanoClock.getAsLong();
    }

    void start() {
        lastTick = nanoClock.getAsLong();
        reschedule();
    }

    /** Brings the engine's time up to now; call before handing it an event. */
    void catchUp() {
        long now = nanoClock.getAsLong();
        long late = dueAt == Long.MAX_VALUE ? 0 : now - dueAt;
        if (stallAllowanceNanos > 0 && late > stallAllowanceNanos) {
            lastTick += late - stallAllowanceNanos;
        }
        long elapsed = now - lastTick;
        if (elapsed > 0) {
            lastTick = now;
            execute.accept(tick.apply(elapsed));
        }
    }

    /** Schedules the next wake-up; call after every event. */
    void reschedule() {
        if (stopped) {
            return;
        }
        cancel();
        long delay = nanosUntilNextEvent.getAsLong();
        if (delay != Long.MAX_VALUE) {
            dueAt = lastTick + delay;
            wakeUp = loop.schedule(this::onWakeUp, delay);
        }
    }

    void stop() {
        stopped = true;
        cancel();
    }

    boolean stopped() {
        return stopped;
    }

    private void cancel() {
        dueAt = Long.MAX_VALUE;
        if (wakeUp != null) {
            wakeUp.cancel();
            wakeUp = null;
        }
    }

    private void onWakeUp() {
        if (stopped) {
            return;
        }
        catchUp();
        reschedule();
    }
}
