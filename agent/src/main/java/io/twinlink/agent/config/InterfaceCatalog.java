package io.twinlink.agent.config;

import java.util.Collection;
import java.util.Set;

/**
 * Which network interfaces exist on this host (in this network namespace). Validation asks it
 * so that a typo in a member name is refused at start instead of leaving a bundle short.
 */
@FunctionalInterface
public interface InterfaceCatalog {

    boolean exists(String name);

    /** A fixed list, for configurations checked against a known set of names. */
    static InterfaceCatalog of(Collection<String> names) {
        Set<String> copy = Set.copyOf(names);
        return copy::contains;
    }

    /** Accepts every name: {@code check --skip-interface-check}, preparing a config off-box. */
    static InterfaceCatalog unchecked() {
        return name -> true;
    }
}
