package io.twinlink.agent.daemon;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Gives a clock-free protocol engine (LACP, STP, MC-LAG) its time: before each event it ticks
 * the engine by the monotonic time that passed, and after each event it schedules exactly one
 * wake-up for when the engine's next timer falls due ({@code nanosUntilNextEvent}), so the
 * loop never polls. The engines fire late timers at their exact virtual deadline, so a late
 * wake-up does not make periodic transmissions drift.
 *
 * <p>Two things keep the wake-ups cheap when an engine has a thousand ports, each with its
 * own periodic timer:
 * <ul>
 *   <li><b>Slack</b>: a wake-up is put off to the next multiple of {@code slackNanos} on the
 *       monotonic clock, so every deadline inside one slot is served by one wake-up (as the
 *       kernel's timer slack, or bond_3ad's 100 ms tick, do). A timer then fires at most
 *       {@code slackNanos} late; with zero slack every deadline gets its own wake-up.</li>
 *   <li><b>Whole milliseconds</b>: the NIO selector sleeps in milliseconds, rounded to the
 *       nearest, and busy-spins out whatever remains when it wakes before a task is due. So
 *       the loop is asked to sleep whole milliseconds, rounded down, and a wake-up that
 *       arrives before its target (by less than a millisecond) serves the target anyway: the
 *       engine's time may lead the monotonic clock by under a millisecond, never lag it.</li>
 * </ul>
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

    private static final long MILLI = 1_000_000;
    private static final long NONE = Long.MAX_VALUE;

    private final Scheduler loop;
    private final LongSupplier nanoClock;
    private final LongFunction<List<E>> tick;
    private final LongSupplier nanosUntilNextEvent;
    private final Consumer<List<E>> execute;
    private final long slackNanos;
    private final long stallAllowanceNanos;
    /** The monotonic time the engine has been ticked up to (may lead the clock by under a millisecond). */
    private long lastTick;
    /** The monotonic time the pending wake-up serves, or {@link #NONE}. */
    private long target = NONE;
    private Scheduler.Cancellable wakeUp;
    private boolean stopped;

    EngineClock(Scheduler loop, LongSupplier nanoClock, LongFunction<List<E>> tick, LongSupplier nanosUntilNextEvent,
                Consumer<List<E>> execute) {
        this(loop, nanoClock, tick, nanosUntilNextEvent, execute, 0, 0);
    }

    /**
     * @param slackNanos          grid the wake-ups are put off to; 0 wakes at every deadline
     * @param stallAllowanceNanos lateness of the loop beyond which time is not counted; 0 counts all of it
     */
    EngineClock(Scheduler loop, LongSupplier nanoClock, LongFunction<List<E>> tick, LongSupplier nanosUntilNextEvent,
                Consumer<List<E>> execute, long slackNanos, long stallAllowanceNanos) {
        if (slackNanos < 0 || stallAllowanceNanos < 0) {
            throw new IllegalArgumentException("slack and stall allowance must not be negative: " + slackNanos
                    + ", " + stallAllowanceNanos);
        }
        this.loop = loop;
        this.nanoClock = nanoClock;
        this.tick = tick;
        this.nanosUntilNextEvent = nanosUntilNextEvent;
        this.execute = execute;
        this.slackNanos = slackNanos;
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
        discountStall(now);
        advanceTo(now);
    }

    /** Schedules the next wake-up; call after every event. */
    void reschedule() {
        if (stopped) {
            return;
        }
        cancel();
        long delay = nanosUntilNextEvent.getAsLong();
        if (delay == Long.MAX_VALUE) {
            return;
        }
        target = onGrid(lastTick + delay);
        long wait = target - nanoClock.getAsLong();
        long sleep = wait <= 0 ? 0 : wait / MILLI * MILLI;
        wakeUp = loop.schedule(this::onWakeUp, sleep);
    }

    void stop() {
        stopped = true;
        cancel();
    }

    boolean stopped() {
        return stopped;
    }

    /** {@code at} put off to the next multiple of the slack (itself when it is one, or without slack). */
    private long onGrid(long at) {
        if (slackNanos == 0) {
            return at;
        }
        long slot = Math.floorDiv(at, slackNanos) * slackNanos;
        return slot == at ? at : slot + slackNanos;
    }

    /** Leaves out of the engine's time whatever the loop ran late beyond the allowance. */
    private void discountStall(long now) {
        if (stallAllowanceNanos == 0 || target == NONE) {
            return;
        }
        long late = now - target;
        if (late > stallAllowanceNanos) {
            lastTick += late - stallAllowanceNanos;
        }
    }

    private void advanceTo(long time) {
        long elapsed = time - lastTick;
        if (elapsed > 0) {
            lastTick = time;
            execute.accept(tick.apply(elapsed));
        }
    }

    private void cancel() {
        target = NONE;
        if (wakeUp != null) {
            wakeUp.cancel();
            wakeUp = null;
        }
    }

    private void onWakeUp() {
        wakeUp = null;
        if (stopped) {
            return;
        }
        long now = nanoClock.getAsLong();
        discountStall(now);
        advanceTo(Math.max(now, target));
        reschedule();
    }
}
