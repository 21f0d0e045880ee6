package io.twinlink.agent.daemon;

import io.twinlink.stp.PortRoleTransitionsMachine;
import io.twinlink.fsm.MachineTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One key=value line per RSTP state change ({@code role-transitions port=eth3 ROOT_PORT ->
 * ROOT_FORWARD}): role transitions at INFO (what an operator follows), everything else DEBUG.
 */
final class Slf4jStpTrace implements MachineTrace {

    private static final Logger LOG = LoggerFactory.getLogger("stp");

    @Override
    public void transition(String machine, String port, Enum<?> from, Enum<?> to) {
        if (from == to || from == null) {
            return;
        }
        if (to instanceof PortRoleTransitionsMachine.State) {
            LOG.info("{} port={} {} -> {}", machine, port, from, to);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("{} port={} {} -> {}", machine, port, from, to);
        }
    }

    @Override
    public void event(String port, String what) {
        LOG.info("port={} {}", port, what);
    }
}
