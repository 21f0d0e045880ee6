package io.twinlink.agent.dataplane;

/** The kernel data plane could not be set up or changed; the message is one line for the operator. */
public final class DataplaneException extends Exception {

    private static final long serialVersionUID = 1L;

    public DataplaneException(String message) {
        super(message, null, false, false);
    }
}
