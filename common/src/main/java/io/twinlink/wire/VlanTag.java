package io.twinlink.wire;

/**
 * One 802.1Q/802.1ad tag [802.1Q-2018 9.6]: the TPID that announced it and its Tag Control
 * Information (priority code point, drop eligible indicator, VLAN ID). VID 0 means a
 * priority-tagged frame.
 */
public record VlanTag(int tpid, int priority, boolean dropEligible, int vid) {

    /** Customer VLAN tag [802.1Q]. */
    public static final int TPID_CTAG = 0x8100;
    /** Service VLAN tag [802.1ad]. */
    public static final int TPID_STAG = 0x88A8;
    /** Pre-standard QinQ outer tag still sent by some switches. */
    public static final int TPID_QINQ_LEGACY = 0x9100;

    public static boolean isTpid(int etherType) {
        return etherType == TPID_CTAG || etherType == TPID_STAG || etherType == TPID_QINQ_LEGACY;
    }

    static VlanTag of(int tpid, int tci) {
        return new VlanTag(tpid, tci >>> 13, (tci & 0x1000) != 0, tci & 0x0FFF);
    }
}
