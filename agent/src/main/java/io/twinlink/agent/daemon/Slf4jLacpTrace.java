package io.twinlink.agent.daemon;

import io.twinlink.fsm.MachineTrace;
import io.twinlink.lacp.MuxMachine;
import io.twinlink.lacp.ReceiveMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every state change of the LACP machines as one key=value line
 * ({@code mux port=eth1 WAITING -> ATTACHED}). What an operator acts on (the Mux, the
 * Receive machine losing or finding its partner, selection) is INFO; the rest is DEBUG.
 * Re-entering a state (CURRENT on every LACPDU) is not a change and is not logged.
 */
final class Slf4jLacpTrace implements MachineTrace {

    private static final Logger LOG = LoggerFactory.getLogger("lacp");

    @Override
    public void transition(String machine, String port, Enum<?> from, Enum<?> to) {
        if (from == to || from == null) {
            return;
        }
        if (operatorVisible(to)) {
            LOG.info("{} port={} {} -> {}", machine, port, from, to);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("{} port={} {} -> {}", machine, port, from, to);
        }
    }

    private static boolean operatorVisible(Enum<?> to) {
        return to instanceof MuxMachine.State
                || to == ReceiveMachine.State.EXPIRED
                || to == ReceiveMachine.State.DEFAULTED
                || to == ReceiveMachine.State.CURRENT;
    }

    @Override
    public void event(String port, String what) {
        LOG.info("port={} {}", port, what);
    }
}
