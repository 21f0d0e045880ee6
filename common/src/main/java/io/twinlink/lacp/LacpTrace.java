package io.twinlink.lacp;

/**
 * Where the engine reports what it did, so that the agent can log one line per state change
 * ({@code mux port=eth1 WAITING -> ATTACHED}) without {@code common} doing I/O.
 */
public interface LacpTrace {

    LacpTrace NONE = new LacpTrace() {
        @Override
        public void transition(String machine, String port, Enum<?> from, Enum<?> to) {
        }

        @Override
        public void event(String port, String what) {
        }
    };

    /**
     * A machine entered a state. {@code from} is {@code null} at BEGIN, and equals {@code to}
     * when a state is re-entered (the Receive machine's CURRENT on every LACPDU).
     */
    void transition(String machine, String port, Enum<?> from, Enum<?> to);

    /** Something notable that is not a state change (a looped-back LACPDU, a selection). */
    void event(String port, String what);
}
