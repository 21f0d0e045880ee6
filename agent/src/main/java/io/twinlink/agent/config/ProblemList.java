package io.twinlink.agent.config;

import java.util.ArrayList;
import java.util.List;

/** Problems found so far while reading one document, in the order they were found. */
final class ProblemList {

    private final List<ConfigProblem> problems = new ArrayList<>();

    void add(String path, String message) {
        problems.add(new ConfigProblem(path, message));
    }

    int size() {
        return problems.size();
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<ConfigProblem> toList() {
        return List.copyOf(problems);
    }
}
