package io.twinlink.it.lab;

import io.twinlink.it.harness.TwinlinkAgent;

import java.nio.file.Files;
import java.nio.file.Path;

/** The source tree the tests run from, found from the agent jar the build hands them. */
final class Repository {

    private Repository() {
    }

    /** The repository root: {@code twinlink.jar} is {@code ROOT/agent/target/twinlink.jar}. */
    static Path root() {
        Path jar = jar();
        Path root = jar.getParent().getParent().getParent();
        if (!Files.isDirectory(root.resolve("vagrant")) || !Files.isDirectory(root.resolve("packaging"))) {
            throw new IllegalStateException("no repository around " + jar);
        }
        return root;
    }

    static Path jar() {
        return TwinlinkAgent.jar().toAbsolutePath().normalize();
    }
}
