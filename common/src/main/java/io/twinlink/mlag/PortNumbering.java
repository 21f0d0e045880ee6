package io.twinlink.mlag;

/**
 * Port numbers that never overlap between the two halves of a pair. Both advertise one
 * System ID, so the partner tells their ports apart only by Port Number [802.1AX-2020
 * 6.3.4]: one node numbers its members 1..32767, the other 32769..65535 (DESIGN.md "MC-LAG
 * pair": "peer 2 adds 0x8000"). Which half is fixed by configuration, not by the role, so
 * that a role change never renumbers a port (that would restart its negotiation): the node
 * whose peer-link address orders lower takes the lower half. {@link ConsistencyCheck}
 * refuses a pair whose halves collide.
 */
public final class PortNumbering {

    public static final int LOWER_HALF = 0;
    public static final int UPPER_HALF = 0x8000;
    /** Members per node: the half's numbers, 0 being no port [802.1AX-2020 6.3.4]. */
    public static final int MAX_PORTS = 0x7FFF;

    private PortNumbering() {
    }

    public static int offsetFor(boolean lowerEnd) {
        return lowerEnd ? LOWER_HALF : UPPER_HALF;
    }

    /** The Port Number of this node's {@code index}-th member port (0-based). */
    public static int portNumber(int offset, int index) {
        checkOffset(offset);
        if (index < 0 || index >= MAX_PORTS) {
            throw new IllegalArgumentException("a node has at most " + MAX_PORTS + " member ports, index " + index);
        }
        return offset + index + 1;
    }

    static void checkOffset(int offset) {
        if (offset != LOWER_HALF && offset != UPPER_HALF) {
            throw new IllegalArgumentException("port offset must be 0 or 0x8000, got " + offset);
        }
    }

    static String describe(int offset) {
        return offset == LOWER_HALF ? "1-32767" : "32769-65535";
    }
}
