package io.twinlink.mlag;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One line of the pair's consistency table ({@code show mlag}: {@code {item, local, peer,
 * ok}}). {@code mlagId} is set for the lines about one MLAG bundle; a failed line without
 * one concerns the whole pair.
 */
public record ConsistencyRow(String item, OptionalInt mlagId, String local, String peer, boolean ok) {

    public ConsistencyRow {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(mlagId, "mlagId");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(peer, "peer");
    }

    /** One-line reason, e.g. {@code mlag-id 10 key: local 10, peer 20}. */
    public String describe() {
        return item + ": local " + local + ", peer " + peer;
    }
}
