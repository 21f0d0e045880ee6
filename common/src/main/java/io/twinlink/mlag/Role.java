package io.twinlink.mlag;

/**
 * A peer's role in the pair. {@link #NONE} is a node that has just started and has neither
 * found its peer nor waited long enough to call it dead: it claims nothing, so a peer that is
 * already carrying traffic keeps the primary role (see {@link RoleElection}).
 */
public enum Role {
    NONE(0, "standalone"),
    PRIMARY(1, "primary"),
    SECONDARY(2, "secondary"),
    /** The peer is dead: this node carries every MLAG bundle alone and acts as the primary. */
    STANDALONE(3, "standalone");

    /** The octet that stands for this role in peer-link messages. */
    public final int code;
    /**
     * The name {@code show mlag} prints (primary|secondary|standalone): a node that has not
     * found its peer yet is standalone as far as an operator can tell.
     */
    public final String showName;

    Role(int code, String showName) {
        this.code = code;
        this.showName = showName;
    }

    /** A node that is primary, or serving alone, keeps that role against a peer that is not. */
    public boolean claimsPrimary() {
        return this == PRIMARY || this == STANDALONE;
    }

    static Role fromCode(int code) {
        for (Role r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return null;
    }
}
