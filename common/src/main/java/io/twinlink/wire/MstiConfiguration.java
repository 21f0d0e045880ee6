package io.twinlink.wire;

import java.nio.ByteBuffer;

/**
 * One MSTI Configuration Message of an MST BPDU [802.1Q-2018 14.6], 16 octets:
 *
 * <pre>
 *  0      MSTI flags (bit 8 is Master)
 *  1..8   MSTI Regional Root Identifier (its system ID extension is the MSTID)
 *  9..12  MSTI Internal Root Path Cost
 *  13     MSTI Bridge Priority (high nibble)
 *  14     MSTI Port Priority (high nibble)
 *  15     MSTI Remaining Hops
 * </pre>
 *
 * {@link #bridgePriority()} is the nibble times 4096 and {@link #portPriority()} the nibble
 * times 16: the values an operator configures (tcpdump prints the bare nibbles).
 */
public record MstiConfiguration(BpduFlags flags, BridgeId regionalRootId, long internalRootPathCost,
                                int bridgePriority, int portPriority, int remainingHops) {

    public static final int LENGTH = BpduLayout.MSTI_LENGTH;

    private static final int FLAGS = 0;
    private static final int REGIONAL_ROOT_ID = 1;
    private static final int INTERNAL_ROOT_PATH_COST = 9;
    private static final int BRIDGE_PRIORITY = 13;
    private static final int PORT_PRIORITY = 14;
    private static final int REMAINING_HOPS = 15;

    public MstiConfiguration {
        if (flags == null || regionalRootId == null) {
            throw new IllegalArgumentException("flags and regionalRootId are required");
        }
    }

    /** The MST instance this message is about [802.1Q-2018 13.26.2: the MSTID is the regional root's system ID extension]. */
    public int mstid() {
        return regionalRootId.systemIdExtension();
    }

    static MstiConfiguration read(ByteBuffer buf, int at) {
        return new MstiConfiguration(
                BpduFlags.of(buf.get(at + FLAGS) & 0xFF),
                BridgeId.read(buf, at + REGIONAL_ROOT_ID),
                Integer.toUnsignedLong(buf.getInt(at + INTERNAL_ROOT_PATH_COST)),
                (buf.get(at + BRIDGE_PRIORITY) & 0xF0) << 8,
                buf.get(at + PORT_PRIORITY) & 0xF0,
                buf.get(at + REMAINING_HOPS) & 0xFF);
    }
}
