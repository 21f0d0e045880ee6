package io.twinlink.stp;

/**
 * Where the engine reports what it did, so that the agent can log one line per state change
 * ({@code prt port=eth1 DESIGNATED_PROPOSE -> DESIGNATED_PORT}) without {@code common} doing
 * I/O. Machines are named by the standard's abbreviations [802.1D-2004 17.15]: pti, prx, ppm,
 * bdm, ptx, pim, prs, prt, pst, tcm.
 */
public interface StpTrace {

    StpTrace NONE = new StpTrace() {
        @Override
        public void transition(String machine, String port, Enum<?> from, Enum<?> to) {
        }

        @Override
        public void event(String port, String what) {
        }
    };

    /**
     * A machine entered a state. {@code from} is {@code null} at BEGIN, and equals {@code to}
     * when a state is re-entered (ALTERNATE_PORT on every tick, RECEIVE on every BPDU).
     * {@code port} is the bridge's name for the bridge-wide Port Role Selection machine.
     */
    void transition(String machine, String port, Enum<?> from, Enum<?> to);

    /** Something notable that is not a state change (a guard acting, a new root, a dropped BPDU). */
    void event(String port, String what);
}
