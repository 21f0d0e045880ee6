package io.twinlink.agent.config;

import java.util.List;

/**
 * A configuration that must not be applied, with every problem found in it (not only the
 * first), so that an operator can fix them all in one pass. Expected input, so no stack trace.
 */
public final class InvalidConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(problems.size() == 1 ? problems.get(0).toString()
                : problems.size() + " problems, first: " + problems.get(0), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
