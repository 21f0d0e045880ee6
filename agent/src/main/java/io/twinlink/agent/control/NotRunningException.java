package io.twinlink.agent.control;

/** Asked for a part this agent does not run (no {@code stp:} or {@code mlag:} section): said as is. */
public final class NotRunningException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotRunningException(String message) {
        super(message, null, false, false);
    }
}
