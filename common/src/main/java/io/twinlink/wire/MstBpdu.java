package io.twinlink.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An MST BPDU (version 3) or SPT BPDU (version 4) [802.1Q-2018 14.6, 14.4], read side
 * only. It begins with an RST BPDU describing the CIST ({@link #cist()}), which is all an
 * RSTP bridge looks at (802.1D-2004 9.3.4 c) decodes any version 2+ BPDU of type 0x02 as an RST BPDU); the
 * rest describes the region and each MSTI. Layout: {@link BpduLayout}.
 *
 * <p>Validation beyond 802.1D 9.3.4 (a dissector should name the problem): Version 1 Length
 * must be 0, Version 3 Length must be 64 + 16 x n with n &lt;= 64 and fit in the BPDU; a
 * version 4 BPDU must carry its Version 4 Length (at least 85) and that many octets.
 */
public record MstBpdu(RstBpdu cist, MstConfigId configId, long cistInternalRootPathCost, BridgeId cistBridgeId,
                      int cistRemainingHops, List<MstiConfiguration> mstis) implements InformationBpdu {

    public static final int VERSION = 3;
    public static final int SPT_VERSION = 4;

    public MstBpdu {
        if (cist == null || configId == null || cistBridgeId == null || mstis == null) {
            throw new IllegalArgumentException("cist, configId, cistBridgeId and mstis are required");
        }
        mstis = List.copyOf(mstis);
    }

    static MstBpdu read(ByteBuffer buf, int base, int limit, RstBpdu cist) throws MalformedPduException {
        boolean spt = cist.protocolVersion() >= SPT_VERSION;
        String what = spt ? "SPT BPDU" : "MST BPDU";
        MalformedPduException.require(limit, 0, BpduLayout.MST_MIN_LENGTH, what);
        int v1 = buf.get(base + BpduLayout.VERSION_1_LENGTH) & 0xFF;
        if (v1 != 0) {
            throw new MalformedPduException(BpduLayout.VERSION_1_LENGTH, what + " Version 1 Length must be 0, found " + v1);
        }
        int v3 = Short.toUnsignedInt(buf.getShort(base + BpduLayout.VERSION_3_LENGTH));
        int mstiOctets = v3 - BpduLayout.VERSION_3_FIXED;
        if (mstiOctets < 0 || mstiOctets % BpduLayout.MSTI_LENGTH != 0
                || mstiOctets / BpduLayout.MSTI_LENGTH > BpduLayout.MAX_MSTIS) {
            throw new MalformedPduException(BpduLayout.VERSION_3_LENGTH,
                    "Version 3 Length " + v3 + " is not 64 + 16 x (0..64 MSTIs)");
        }
        MalformedPduException.require(limit, BpduLayout.MSTI_MESSAGES, mstiOctets, "MSTI configuration messages");
        if (spt) {
            int at = BpduLayout.MST_CONFIG_ID + v3;
            MalformedPduException.require(limit, at, 2, "SPT BPDU Version 4 Length");
            int v4 = Short.toUnsignedInt(buf.getShort(base + at));
            if (v4 < BpduLayout.MIN_VERSION_4_LENGTH) {
                throw new MalformedPduException(at, "Version 4 Length " + v4 + " is shorter than the SPT fields (85)");
            }
            MalformedPduException.require(limit, at + 2, v4, "SPT BPDU Version 4 data");
        }
        List<MstiConfiguration> mstis = new ArrayList<>(mstiOctets / BpduLayout.MSTI_LENGTH);
        for (int at = BpduLayout.MSTI_MESSAGES; at < BpduLayout.MSTI_MESSAGES + mstiOctets; at += BpduLayout.MSTI_LENGTH) {
            mstis.add(MstiConfiguration.read(buf, base + at));
        }
        return new MstBpdu(cist,
                MstConfigId.read(buf, base + BpduLayout.MST_CONFIG_ID),
                Integer.toUnsignedLong(buf.getInt(base + BpduLayout.CIST_INTERNAL_ROOT_PATH_COST)),
                BridgeId.read(buf, base + BpduLayout.CIST_BRIDGE_ID),
                buf.get(base + BpduLayout.CIST_REMAINING_HOPS) & 0xFF,
                mstis);
    }

    /** Version 4 or more: a Shortest Path Bridging (SPT) BPDU [802.1Q-2018 14.6]. */
    public boolean isSpt() {
        return cist.protocolVersion() >= SPT_VERSION;
    }

    @Override
    public int protocolVersion() {
        return cist.protocolVersion();
    }

    @Override
    public BpduType type() {
        return BpduType.RST;
    }

    /** CIST flags. */
    @Override
    public BpduFlags flags() {
        return cist.flags();
    }

    /** CIST Root Identifier. */
    @Override
    public BridgeId rootId() {
        return cist.rootId();
    }

    /** CIST External Root Path Cost. */
    @Override
    public long rootPathCost() {
        return cist.rootPathCost();
    }

    /** CIST Regional Root Identifier (it sits where an RST BPDU has the Bridge Identifier). */
    @Override
    public BridgeId bridgeId() {
        return cist.bridgeId();
    }

    /** CIST Port Identifier. */
    @Override
    public PortId portId() {
        return cist.portId();
    }

    @Override
    public BpduTimes times() {
        return cist.times();
    }
}
