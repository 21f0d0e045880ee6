package io.twinlink.stp;

/**
 * Per-port statistics, with the names of IEEE8021-SPANNING-TREE-MIB
 * ({@code ieee8021SpanningTreeRstpPortTable}) and BRIDGE-MIB ({@code dot1dStpPortTable})
 * where those define them. Mutated only by the engine's thread.
 */
public final class StpPortCounters {

    long ieee8021SpanningTreeRstpPortRxRstBpduCount;
    long ieee8021SpanningTreeRstpPortRxConfigBpduCount;
    long ieee8021SpanningTreeRstpPortRxTcnBpduCount;
    long ieee8021SpanningTreeRstpPortTxRstBpduCount;
    long ieee8021SpanningTreeRstpPortTxConfigBpduCount;
    long ieee8021SpanningTreeRstpPortTxTcnBpduCount;
    long dot1dStpPortForwardTransitions;
    /** Not in the MIBs: BPDUs received that signal a topology change (TC flag set, or a TCN). */
    long topologyChangeRx;
    /** Not in the MIBs: BPDUs sent that signal a topology change. */
    long topologyChangeTx;
    /** BPDUs that failed validation [802.1D-2004 9.3.4] or could not be decoded at all. */
    long invalidRx;
    long bpduGuardActions;
    long rootGuardActions;

    public long rstRx() { return ieee8021SpanningTreeRstpPortRxRstBpduCount; }
    public long configRx() { return ieee8021SpanningTreeRstpPortRxConfigBpduCount; }
    public long tcnRx() { return ieee8021SpanningTreeRstpPortRxTcnBpduCount; }
    public long rstTx() { return ieee8021SpanningTreeRstpPortTxRstBpduCount; }
    public long configTx() { return ieee8021SpanningTreeRstpPortTxConfigBpduCount; }
    public long tcnTx() { return ieee8021SpanningTreeRstpPortTxTcnBpduCount; }
    public long forwardTransitions() { return dot1dStpPortForwardTransitions; }
    public long topologyChangeRx() { return topologyChangeRx; }
    public long topologyChangeTx() { return topologyChangeTx; }
    public long invalidRx() { return invalidRx; }
    public long bpduGuardActions() { return bpduGuardActions; }
    public long rootGuardActions() { return rootGuardActions; }
}
