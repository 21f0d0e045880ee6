package io.twinlink.stp;

/** A machine of which each port has its own instance [802.1D-2004 17.15]. */
abstract class PortMachine<S extends Enum<S>> extends StateMachine<S> {

    final StpPort port;

    PortMachine(String machineName, StpPort port, StpEngine engine) {
        super(machineName, engine);
        this.port = port;
    }

    @Override
    protected final String owner() {
        return port.name();
    }
}
