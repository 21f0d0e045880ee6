package io.twinlink.lacp;

import io.twinlink.wire.Lacpdu;

/**
 * The Transmit machine [802.1AX-2020 6.4.16]: sends a LACPDU whenever NTT is set, but never
 * more than three in any Fast_Periodic_Time; an NTT raised while the limit holds waits until
 * it lifts. Nothing is sent while the Periodic machine is in NO_PERIODIC (both ends passive,
 * LACP disabled or the port down).
 *
 * <p>The limit is enforced over a sliding window (the send times of the last three LACPDUs),
 * which is what "any" period in the standard's wording requires.
 */
public final class TransmitMachine extends PortMachine<TransmitMachine.State> {

    public enum State {
        NO_TX, TX_READY, TRANSMIT
    }

    /** Virtual send times of the last {@link LacpTimes#MAX_TX_PER_FAST_PERIOD} LACPDUs, oldest first. */
    private final long[] recentSends = new long[LacpTimes.MAX_TX_PER_FAST_PERIOD];
    private int sendCount;

    TransmitMachine(AggregationPort port, LacpEngine engine) {
        super("tx", port, engine);
    }

    @Override
    protected State next(State s) {
        AggregationPort p = port;
        if (p.begin || !p.portEnabled || !p.lacpEnabled
                || p.periodicMachine.state() == PeriodicTransmissionMachine.State.NO_PERIODIC) {
            return s == State.NO_TX ? null : State.NO_TX;
        }
        return switch (s) {
            case NO_TX -> State.TX_READY;
            case TX_READY -> p.ntt && nanosUntilAllowed() == 0 ? State.TRANSMIT : null;
            case TRANSMIT -> State.TX_READY;
        };
    }

    @Override
    protected void enter(State s) {
        if (s == State.TRANSMIT) {
            transmit();
        }
    }

    private void transmit() {
        AggregationPort p = port;
        engine.emit(new LacpEffect.SendLacpdu(p.name(), lacpdu()));
        p.ntt = false;
        p.counters.dot3adAggPortStatsLACPDUsTx++;
        recordSend(engine.now());
    }

    /** The LACPDU this port would send now. */
    Lacpdu lacpdu() {
        return new Lacpdu(port.actorInfo(engine.system()), port.partnerOper, engine.collectorMaxDelay());
    }

    private void recordSend(long at) {
        if (sendCount < recentSends.length) {
            recentSends[sendCount++] = at;
        } else {
            System.arraycopy(recentSends, 1, recentSends, 0, recentSends.length - 1);
            recentSends[recentSends.length - 1] = at;
        }
    }

    /** Zero when a LACPDU may go now; otherwise how long until the oldest of the last three leaves the window. */
    long nanosUntilAllowed() {
        if (sendCount < recentSends.length) {
            return 0;
        }
        long windowEnds = recentSends[0] + LacpTimes.FAST_PERIODIC_TIME;
        return Math.max(0, windowEnds - engine.now());
    }

    /**
     * While NTT waits in TX_READY with three LACPDUs in the window: the virtual time the oldest
     * leaves it and the next may go. Otherwise -1.
     */
    long pendingSendAt() {
        if (!port.ntt || state() != State.TX_READY || sendCount < recentSends.length) {
            return -1;
        }
        return recentSends[0] + LacpTimes.FAST_PERIODIC_TIME;
    }
}
