package io.twinlink.wire;

/**
 * Where the fields of a BPDU are, counted from the Protocol Identifier [802.1D-2004 9.3,
 * figures 9-1 to 9-3; 802.1Q-2018 14.6, figure 14-1; SPT BPDU likewise]. A BPDU
 * travels after an LLC header 0x42 0x42 0x03 (or, for PVST+, after SNAP 00-00-0c/0x010b).
 *
 * <pre>
 *  0..1    Protocol Identifier = 0x0000
 *  2       Protocol Version Identifier   0 STP, 2 RSTP, 3 MSTP, 4 SPB
 *  3       BPDU Type                     0x00 Config, 0x80 TCN, 0x02 RST/MST/SPT
 *          ---- a TCN BPDU ends here: 4 octets ----
 *  4       Flags                         see BpduFlags
 *  5..12   Root Identifier               (MST: CIST Root Identifier)
 *  13..16  Root Path Cost                (MST: CIST External Root Path Cost)
 *  17..24  Bridge Identifier             (MST: CIST Regional Root Identifier)
 *  25..26  Port Identifier               (MST: CIST Port Identifier)
 *  27..28  Message Age    \
 *  29..30  Max Age         |  units of 1/256 s
 *  31..32  Hello Time      |
 *  33..34  Forward Delay  /
 *          ---- a Configuration BPDU ends here: 35 octets ----
 *  35      Version 1 Length = 0
 *          ---- an RST BPDU ends here: 36 octets ----
 *  36..37  Version 3 Length = 64 + 16 x (number of MSTIs)
 *  38      MST Configuration Identifier Format Selector = 0
 *  39..70  Configuration Name (32, NUL padded)
 *  71..72  Revision Level
 *  73..88  Configuration Digest (HMAC-MD5, 16)
 *  89..92  CIST Internal Root Path Cost
 *  93..100 CIST Bridge Identifier
 *  101     CIST Remaining Hops
 *          ---- an MST BPDU without MSTIs ends here: 102 octets ----
 *  102..   MSTI Configuration Messages, 16 octets each (at most 64):
 *            +0 flags, +1..8 Regional Root Identifier, +9..12 Internal Root Path Cost,
 *            +13 Bridge Priority (high nibble), +14 Port Priority (high nibble), +15 Remaining Hops
 *  36+2+V3 Version 4 Length (SPT BPDU only), then that many octets (Aux MCID, Agreement...)
 * </pre>
 *
 * PVST+ adds TLVs after octet 35 (Config) or 36 (RST): type (2), length (2), value; type 0
 * is the Originating VLAN. Cisco puts them at offset 36 in both cases, as Wireshark reads them.
 */
final class BpduLayout {

    static final int PROTOCOL_ID = 0;
    static final int VERSION = 2;
    static final int TYPE = 3;
    static final int FLAGS = 4;
    static final int ROOT_ID = 5;
    static final int ROOT_PATH_COST = 13;
    static final int BRIDGE_ID = 17;
    static final int PORT_ID = 25;
    static final int MESSAGE_AGE = 27;
    static final int MAX_AGE = 29;
    static final int HELLO_TIME = 31;
    static final int FORWARD_DELAY = 33;
    static final int VERSION_1_LENGTH = 35;
    static final int VERSION_3_LENGTH = 36;
    static final int MST_CONFIG_ID = 38;
    static final int CIST_INTERNAL_ROOT_PATH_COST = 89;
    static final int CIST_BRIDGE_ID = 93;
    static final int CIST_REMAINING_HOPS = 101;
    static final int MSTI_MESSAGES = 102;

    static final int TCN_LENGTH = 4;
    static final int CONFIG_LENGTH = 35;
    static final int RST_LENGTH = 36;
    static final int MST_MIN_LENGTH = 102;
    static final int PVST_TLVS = 36;

    /** The part of Version 3 Length that is not MSTI messages (MCID 51 + 4 + 8 + 1). */
    static final int VERSION_3_FIXED = 64;
    static final int MSTI_LENGTH = 16;
    static final int MAX_MSTIS = 64;
    /** Aux MCID (51) + agreement fields (34) of an SPT BPDU [802.1Q-2018 14.6]; tcpdump checks the same. */
    static final int MIN_VERSION_4_LENGTH = 85;

    private BpduLayout() {
    }
}
