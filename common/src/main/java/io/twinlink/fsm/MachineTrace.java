package io.twinlink.fsm;

/**
 * Where a protocol engine reports what its machines did, so that the agent can log one line
 * per state change ({@code mux port=eth1 WAITING -> ATTACHED}) without {@code common} doing I/O.
 */
public interface MachineTrace {

    MachineTrace NONE = new MachineTrace() {
        @Override
        public void transition(String machine, String owner, Enum<?> from, Enum<?> to) {
        }

        @Override
        public void event(String owner, String what) {
        }
    };

    /**
     * A machine entered a state. {@code from} is {@code null} at BEGIN, and equals {@code to}
     * when a state is re-entered (LACP's CURRENT on every LACPDU, RSTP's RECEIVE on every BPDU).
     * {@code owner} is the port, or the bridge for a bridge-wide machine.
     */
    void transition(String machine, String owner, Enum<?> from, Enum<?> to);

    /** Something notable that is not a state change (a selection, a guard acting, a looped-back PDU). */
    void event(String owner, String what);
}
