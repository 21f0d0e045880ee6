package io.twinlink.agent.daemon;

/**
 * Where the runtime tells the data plane that a member starts or stops collecting and
 * distributing for its bundle (the Mux machine's Enable/Disable_Collecting_Distributing).
 */
@FunctionalInterface
public interface ForwardingSink {
    void setForwarding(String bundle, String port, boolean collecting, boolean distributing);
}
