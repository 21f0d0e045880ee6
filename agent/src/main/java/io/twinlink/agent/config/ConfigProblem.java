package io.twinlink.agent.config;

/**
 * One thing wrong with a configuration: where ({@code lacp[0].members[1]}, or
 * {@code FILE:LINE:COLUMN} for YAML syntax) and what, printed as {@code where: message}.
 */
public record ConfigProblem(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
