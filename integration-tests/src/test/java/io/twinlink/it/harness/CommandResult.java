package io.twinlink.it.harness;

import java.util.List;

/** What a finished {@link Command} left behind: its exit code and everything it printed. */
public record CommandResult(List<String> argv, int exitCode, String stdout, String stderr) {

    public CommandResult {
        argv = List.copyOf(argv);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** This result, or a {@link CommandFailedException} naming the command and its stderr. */
    public CommandResult check() {
        if (!succeeded()) {
            throw new CommandFailedException(this);
        }
        return this;
    }
}
