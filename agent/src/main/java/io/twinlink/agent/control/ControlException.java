package io.twinlink.agent.control;

/**
 * The agent could not be asked, or said no: not running, no permission, an error answer.
 * A runtime failure for the CLI (exit 1) with a one-line message, never a stack trace.
 */
public final class ControlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ControlException(String message) {
        super(message, null, false, false);
    }
}
