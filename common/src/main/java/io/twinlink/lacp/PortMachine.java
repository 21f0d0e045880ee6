package io.twinlink.lacp;

import io.twinlink.fsm.StateMachine;

/**
 * A machine of one Aggregation Port [802.1AX-2020 6.4.12-6.4.17], with the port and engine
 * it reads and writes.
 *
 * @param <S> the machine's states, named after the boxes of its diagram
 */
abstract class PortMachine<S extends Enum<S>> extends StateMachine<S> {

    final AggregationPort port;
    final LacpEngine engine;

    PortMachine(String machineName, AggregationPort port, LacpEngine engine) {
        super(machineName, engine.trace());
        this.port = port;
        this.engine = engine;
    }

    @Override
    protected String owner() {
        return port.name();
    }
}
