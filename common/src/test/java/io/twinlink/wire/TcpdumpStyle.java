package io.twinlink.wire;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Our decoded values in {@link TcpdumpOracle}'s canonical vocabulary (tcpdump's names and number formats). */
final class TcpdumpStyle {

    private static final String[] LACP_FLAGS = {
        "Activity", "Timeout", "Aggregation", "Synchronization", "Collecting", "Distributing", "Default", "Expired"
    };
    private static final String[] ROLES = {"Unknown", "Alternate", "Root", "Designated"};
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private TcpdumpStyle() {
    }

    static String time(long epochNanos) {
        return TIME.format(Instant.ofEpochSecond(0, epochNanos));
    }

    static String addresses(FrameHeader h) {
        return h.destination() == null ? "src=" + h.source() : "src=" + h.source() + " dst=" + h.destination();
    }

    static String pdu(FramePdu pdu) {
        if (pdu instanceof Lacpdu l) {
            return "LACPv" + l.version() + " actor=" + info(l.actor()) + " partner=" + info(l.partner())
                    + " maxdelay=" + l.collectorMaxDelay();
        }
        if (pdu instanceof FramedBpdu f) {
            return bpdu(f.bpdu());
        }
        throw new AssertionError("tcpdump style has no rendering for " + pdu);
    }

    private static String info(LacpInfo i) {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 8; bit++) {
            if (i.state().has(1 << bit)) {
                names.add(LACP_FLAGS[bit]);
            }
        }
        return String.format("[sys=%s prio=%d key=%d port=%d portprio=%d flags=[%s]]", i.system(), i.systemPriority(),
                i.key(), i.port(), i.portPriority(), String.join(", ", names));
    }

    private static String bpdu(Bpdu b) {
        String version = switch (b.protocolVersion()) {
            case 0 -> "802.1d";
            case 2 -> "802.1w";
            case 3 -> "802.1s";
            case 4 -> "802.1aq";
            default -> "version " + b.protocolVersion();
        };
        String type = switch (b.type()) {
            case CONFIG -> "Config";
            case RST -> "Rapid STP";
            case TCN -> "Topology Change";
        };
        String s = "STP " + version + " " + type;
        if (b instanceof MstBpdu m) {
            return s + mst(m);
        }
        if (!(b instanceof InformationBpdu i)) {
            return s;
        }
        s += " flags=" + flags(i.flags()) + " bridge=" + i.bridgeId() + " port=" + i.portId()
                + " times=" + times(i.times()) + " root=" + i.rootId() + " cost=" + i.rootPathCost();
        return b.protocolVersion() == 2 ? s + " role=" + ROLES[i.flags().portRole().code()] : s;
    }

    private static String mst(MstBpdu m) {
        StringBuilder s = new StringBuilder();
        s.append(" flags=").append(flags(m.flags())).append(" role=").append(ROLES[m.flags().portRole().code()])
                .append(" root=").append(m.rootId()).append(" extcost=").append(m.rootPathCost())
                .append(" regroot=").append(m.bridgeId()).append(" port=").append(m.portId())
                .append(" times=").append(times(m.times()))
                .append(" v3len=").append(64 + 16 * m.mstis().size()).append(" name=").append(m.configId().name())
                .append(" rev=").append(m.configId().revisionLevel()).append(" digest=").append(m.configId().digestHex())
                .append(" intcost=").append(m.cistInternalRootPathCost()).append(" cistbridge=").append(m.cistBridgeId())
                .append(" hops=").append(m.cistRemainingHops()).append(" msti=[");
        List<String> mstis = new ArrayList<>();
        for (MstiConfiguration c : m.mstis()) {
            mstis.add(String.format("%d flags=%s role=%s regroot=%s cost=%d bprio=%d pprio=%d hops=%d",
                    c.mstid(), flags(c.flags()), ROLES[c.flags().portRole().code()], c.regionalRootId(),
                    c.internalRootPathCost(), c.bridgePriority() >> 12, c.portPriority() >> 4, c.remainingHops()));
        }
        return s.append(String.join("; ", mstis)).append("]").toString();
    }

    private static String flags(BpduFlags f) {
        return "[" + String.join(", ", f.names()) + "]";
    }

    private static String times(BpduTimes t) {
        return String.format(Locale.ROOT, "%.2f/%.2f/%.2f/%.2f", t.messageAgeSeconds(), t.maxAgeSeconds(),
                t.helloTimeSeconds(), t.forwardDelaySeconds());
    }
}
