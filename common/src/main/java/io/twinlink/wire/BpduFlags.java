package io.twinlink.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * The flags octet of a BPDU [802.1D-2004 9.3.1 (Configuration: only bits 1 and 8), 9.3.3
 * (RST: all of them), 802.1Q-2018 14.6 (MSTI: bit 8 is Master instead of TC Ack)].
 *
 * <pre>
 *  bit 1 (0x01)  Topology Change
 *  bit 2 (0x02)  Proposal
 *  bits 3-4      Port Role (0x0C): see {@link BpduPortRole}
 *  bit 5 (0x10)  Learning
 *  bit 6 (0x20)  Forwarding
 *  bit 7 (0x40)  Agreement
 *  bit 8 (0x80)  Topology Change Acknowledgment (Master in an MSTI record)
 * </pre>
 */
public record BpduFlags(int bits) {

    public static final int TOPOLOGY_CHANGE = 0x01;
    public static final int PROPOSAL = 0x02;
    public static final int PORT_ROLE_MASK = 0x0C;
    public static final int LEARNING = 0x10;
    public static final int FORWARDING = 0x20;
    public static final int AGREEMENT = 0x40;
    public static final int TOPOLOGY_CHANGE_ACK = 0x80;
    /** The only flags a Configuration BPDU defines [802.1D-2004 9.3.1]. */
    public static final int CONFIG_BPDU_MASK = TOPOLOGY_CHANGE | TOPOLOGY_CHANGE_ACK;

    private static final int PORT_ROLE_SHIFT = 2;

    public BpduFlags {
        if ((bits & ~0xFF) != 0) {
            throw new IllegalArgumentException("flags are one octet: " + bits);
        }
    }

    /** One shared instance per octet value, as for LacpPortState: decoding should not allocate these. */
    private static final BpduFlags[] ALL = new BpduFlags[256];

    static {
        for (int i = 0; i < ALL.length; i++) {
            ALL[i] = new BpduFlags(i);
        }
    }

    /** No flag set (declared after the table it comes from: static fields initialise in order). */
    public static final BpduFlags NONE = of(0);

    public static BpduFlags of(int bits) {
        return bits >= 0 && bits < ALL.length ? ALL[bits] : new BpduFlags(bits);
    }

    /** All fields at once, the way an RST BPDU's transmitter fills them in [802.1D-2004 17.21.20 txRstp]. */
    public static BpduFlags of(boolean topologyChange, boolean proposal, BpduPortRole role, boolean learning,
                               boolean forwarding, boolean agreement, boolean topologyChangeAck) {
        int b = (topologyChange ? TOPOLOGY_CHANGE : 0) | (proposal ? PROPOSAL : 0)
                | (role.code() << PORT_ROLE_SHIFT) | (learning ? LEARNING : 0) | (forwarding ? FORWARDING : 0)
                | (agreement ? AGREEMENT : 0) | (topologyChangeAck ? TOPOLOGY_CHANGE_ACK : 0);
        return of(b);
    }

    public boolean has(int flag) {
        return (bits & flag) != 0;
    }

    public BpduFlags with(int flag, boolean set) {
        return of(set ? bits | flag : bits & ~flag);
    }

    public BpduFlags withPortRole(BpduPortRole role) {
        return of((bits & ~PORT_ROLE_MASK) | (role.code() << PORT_ROLE_SHIFT));
    }

    public boolean topologyChange() { return has(TOPOLOGY_CHANGE); }
    public boolean proposal() { return has(PROPOSAL); }
    public boolean learning() { return has(LEARNING); }
    public boolean forwarding() { return has(FORWARDING); }
    public boolean agreement() { return has(AGREEMENT); }
    public boolean topologyChangeAck() { return has(TOPOLOGY_CHANGE_ACK); }
    /** Bit 8 read the MSTI way [802.1Q-2018 14.6]. */
    public boolean master() { return has(TOPOLOGY_CHANGE_ACK); }

    public BpduPortRole portRole() {
        return BpduPortRole.of((bits & PORT_ROLE_MASK) >>> PORT_ROLE_SHIFT);
    }

    /** tcpdump's names of the set bits (the role is not a flag), e.g. {@code [Proposal, Learn]}. */
    public List<String> names() {
        List<String> out = new ArrayList<>(6);
        if (topologyChange()) out.add("Topology change");
        if (proposal()) out.add("Proposal");
        if (learning()) out.add("Learn");
        if (forwarding()) out.add("Forward");
        if (agreement()) out.add("Agreement");
        if (topologyChangeAck()) out.add("Topology change ACK");
        return out;
    }

    @Override
    public String toString() {
        return String.format("0x%02x%s", bits, names());
    }
}
