package io.twinlink.stp;

/**
 * The Port Timers state machine [802.1D-2004 17.22, figure 17-11]: once a second (the engine
 * raises {@code tick} at each whole second of virtual time) every timer of the port counts one
 * down, and so does txCount, which is what limits transmission to TxHoldCount BPDUs a second.
 */
public final class PortTimersMachine extends PortMachine<PortTimersMachine.State> {

    public enum State {
        ONE_SECOND, TICK
    }

    PortTimersMachine(StpPort port, StpEngine engine) {
        super("pti", port, engine);
    }

    @Override
    protected State next(State s) {
        if (port.begin) {
            return s == State.ONE_SECOND ? null : State.ONE_SECOND;
        }
        return switch (s) {
            case ONE_SECOND -> port.tick ? State.TICK : null;
            case TICK -> State.ONE_SECOND;
        };
    }

    @Override
    protected void enter(State s) {
        StpPort p = port;
        switch (s) {
            case ONE_SECOND -> p.tick = false;
            case TICK -> {
                p.helloWhen = dec(p.helloWhen);
                p.tcWhile = dec(p.tcWhile);
                p.fdWhile = dec(p.fdWhile);
                p.rcvdInfoWhile = dec(p.rcvdInfoWhile);
                p.rrWhile = dec(p.rrWhile);
                p.rbWhile = dec(p.rbWhile);
                p.mdelayWhile = dec(p.mdelayWhile);
                p.edgeDelayWhile = dec(p.edgeDelayWhile);
                p.txCount = dec(p.txCount);
            }
        }
    }

    /** dec(x) [17.16]: decrement unless already zero. */
    private static int dec(int timer) {
        return timer > 0 ? timer - 1 : 0;
    }
}
