package io.twinlink.it.harness;

/** A command exited non-zero or timed out; the message carries the command line and its stderr. */
public final class CommandFailedException extends RuntimeException {

    private final transient CommandResult result;

    CommandFailedException(CommandResult result) {
        super("`" + Command.render(result.argv()) + "` exited " + result.exitCode()
                + describe("stderr", result.stderr()) + describe("stdout", result.stdout()));
        this.result = result;
    }

    CommandFailedException(String message) {
        super(message);
        this.result = null;
    }

    /** The failed run, or {@code null} when the command never finished (timeout, could not start). */
    public CommandResult result() {
        return result;
    }

    private static String describe(String stream, String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return "";
        }
        // Keep the tail: the reason for a failure is almost always printed last.
        String tail = trimmed.length() > 2000 ? "..." + trimmed.substring(trimmed.length() - 2000) : trimmed;
        return "; " + stream + ": " + tail;
    }
}
