package io.twinlink.agent.cli;

import io.twinlink.wire.Bpdu;
import io.twinlink.wire.BpduTimes;
import io.twinlink.wire.BpduType;
import io.twinlink.wire.FramedBpdu;
import io.twinlink.wire.InformationBpdu;
import io.twinlink.wire.LacpInfo;
import io.twinlink.wire.Lacpdu;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.MarkerPdu;
import io.twinlink.wire.MstBpdu;
import io.twinlink.wire.MstiConfiguration;
import io.twinlink.wire.OtherSlowProtocolPdu;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code decode} without {@code --json}: one line per PDU in the spirit of {@code tcpdump -v}
 * (frame number, UTC time, addresses, then every field), for a human with a terminal.
 */
final class DissectionText implements DissectionFormat {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    @Override
    public String format(Dissection d) {
        StringBuilder s = new StringBuilder(200);
        s.append(String.format(Locale.ROOT, "%5d  ", d.frame()))
                .append(TIME.format(Instant.ofEpochSecond(0, d.timestampNanos()))).append(' ')
                .append(address(d.source())).append(" > ").append(address(d.destination()));
        d.vlan().ifPresent(v -> s.append(" vlan ").append(v));
        s.append(": ");
        if (d.malformed()) {
            return s.append("malformed: ").append(d.malformedReason()).toString();
        }
        if (d.pdu() instanceof Lacpdu l) {
            s.append("LACPv").append(l.version()).append(" actor ").append(info(l.actor()))
                    .append(", partner ").append(info(l.partner()))
                    .append(", max-delay ").append(l.collectorMaxDelay());
        } else if (d.pdu() instanceof MarkerPdu m) {
            s.append("Marker v").append(m.version()).append(' ').append(m.tlv().jsonName)
                    .append(", requester port ").append(m.requesterPort())
                    .append(" system ").append(m.requesterSystem())
                    .append(String.format(Locale.ROOT, " transaction 0x%08x", m.requesterTransactionId()));
        } else if (d.pdu() instanceof OtherSlowProtocolPdu o) {
            s.append("Slow Protocols subtype ").append(o.subtype()).append(", ").append(o.length()).append(" octets");
        } else if (d.pdu() instanceof FramedBpdu f) {
            bpdu(s, f);
        }
        return s.toString();
    }

    private static String info(LacpInfo i) {
        return String.format(Locale.ROOT, "%d/%s key %d port %d/%d state 0x%02x %s", i.systemPriority(), i.system(),
                i.key(), i.portPriority(), i.port(), i.state().bits(), i.state().flagNames());
    }

    private static void bpdu(StringBuilder s, FramedBpdu f) {
        Bpdu b = f.bpdu();
        s.append(f.pvst() ? "PVST+ " : "").append(PduNames.type(b)).append(" v").append(b.protocolVersion());
        if (b instanceof InformationBpdu i) {
            s.append(", flags ").append(i.flags().names());
            if (b.type() == BpduType.RST) {
                s.append(", role ").append(i.flags().portRole().jsonName());
            }
            BpduTimes t = i.times();
            s.append(", root ").append(i.rootId()).append(" cost ").append(i.rootPathCost())
                    .append(", bridge ").append(i.bridgeId()).append(" port ").append(i.portId())
                    .append(String.format(Locale.ROOT, ", age %.2fs max-age %.2fs hello %.2fs forward-delay %.2fs",
                            t.messageAgeSeconds(), t.maxAgeSeconds(), t.helloTimeSeconds(),
                            t.forwardDelaySeconds()));
        }
        f.pvstVlan().ifPresent(v -> s.append(", pvst-vlan ").append(v));
        if (b instanceof MstBpdu m) {
            s.append(", region \"").append(m.configId().name()).append("\" rev ")
                    .append(m.configId().revisionLevel()).append(" digest ").append(m.configId().digestHex())
                    .append(", cist internal cost ").append(m.cistInternalRootPathCost())
                    .append(" bridge ").append(m.cistBridgeId()).append(" hops ").append(m.cistRemainingHops());
            for (MstiConfiguration c : m.mstis()) {
                s.append(String.format(Locale.ROOT, "; msti %d flags %s role %s regional-root %s cost %d "
                                + "bridge-prio %d port-prio %d hops %d", c.mstid(), c.flags().names(),
                        c.flags().portRole().jsonName(), c.regionalRootId(), c.internalRootPathCost(),
                        c.bridgePriority(), c.portPriority(), c.remainingHops()));
            }
        }
    }

    private static String address(MacAddress mac) {
        return mac == null ? "?" : mac.toString();
    }
}
