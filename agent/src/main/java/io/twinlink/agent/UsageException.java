package io.twinlink.agent;

/** Bad input from the user (a missing file, a bad config): exit code 2 and a one-line reason. */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message, null, false, false);
    }
}
