package io.twinlink.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.twinlink.wire.Bpdu;
import io.twinlink.wire.BpduFlags;
import io.twinlink.wire.BpduTimes;
import io.twinlink.wire.BpduType;
import io.twinlink.wire.BridgeId;
import io.twinlink.wire.FramedBpdu;
import io.twinlink.wire.InformationBpdu;
import io.twinlink.wire.LacpInfo;
import io.twinlink.wire.Lacpdu;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.MarkerPdu;
import io.twinlink.wire.MstBpdu;
import io.twinlink.wire.MstiConfiguration;
import io.twinlink.wire.OtherSlowProtocolPdu;
import java.io.UncheckedIOException;

/**
 * {@code decode --json}: one object per line with exactly the fields and value formats
 * DESIGN.md fixes ("decode --json"). Times are seconds as numbers (the wire carries 1/256 s);
 * bridge priorities are the 4-bit value times 4096; MSTI port priorities the 4-bit value
 * times 16.
 */
final class DissectionJson implements DissectionFormat {

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public String format(Dissection d) {
        ObjectNode o = mapper.createObjectNode();
        o.put("frame", d.frame());
        o.put("src", text(d.source()));
        o.put("dst", text(d.destination()));
        if (d.vlan().isPresent()) {
            o.put("vlan", d.vlan().getAsInt());
        } else {
            o.putNull("vlan");
        }
        if (d.malformed()) {
            o.put("type", PduNames.MALFORMED);
            o.put("reason", d.malformedReason());
        } else {
            o.put("type", PduNames.type(d.pdu()));
            fields(o, d);
        }
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void fields(ObjectNode o, Dissection d) {
        if (d.pdu() instanceof Lacpdu l) {
            o.put("version", l.version());
            info(o.putObject("actor"), l.actor());
            info(o.putObject("partner"), l.partner());
            o.put("collectorMaxDelay", l.collectorMaxDelay());
        } else if (d.pdu() instanceof MarkerPdu m) {
            o.put("version", m.version());
            o.put("tlv", m.tlv().jsonName);
            o.put("requesterPort", m.requesterPort());
            o.put("requesterSystem", m.requesterSystem().toString());
            o.put("requesterTransactionId", m.requesterTransactionId());
        } else if (d.pdu() instanceof OtherSlowProtocolPdu s) {
            o.put("subtype", s.subtype());
            o.put("length", s.length());
        } else if (d.pdu() instanceof FramedBpdu f) {
            bpdu(o, f);
        }
    }

    private static void info(ObjectNode o, LacpInfo i) {
        o.put("systemPriority", i.systemPriority());
        o.put("system", i.system().toString());
        o.put("key", i.key());
        o.put("portPriority", i.portPriority());
        o.put("port", i.port());
        o.put("state", i.state().bits());
        ArrayNode flags = o.putArray("stateFlags");
        i.state().flagNames().forEach(flags::add);
    }

    private void bpdu(ObjectNode o, FramedBpdu f) {
        Bpdu b = f.bpdu();
        o.put("protocolVersion", b.protocolVersion());
        o.put("bpduType", b.type().code());
        o.put("pvst", f.pvst());
        if (b instanceof InformationBpdu i) {
            BpduFlags flags = i.flags();
            o.put("flags", flags.bits());
            o.put("topologyChange", flags.topologyChange());
            o.put("topologyChangeAck", flags.topologyChangeAck());
            o.put("proposal", flags.proposal());
            o.put("agreement", flags.agreement());
            o.put("learning", flags.learning());
            o.put("forwarding", flags.forwarding());
            if (b.type() == BpduType.RST) {
                o.put("portRole", flags.portRole().jsonName());
            }
            bridgeId(o.putObject("rootId"), i.rootId());
            o.put("rootPathCost", i.rootPathCost());
            bridgeId(o.putObject("bridgeId"), i.bridgeId());
            o.put("portId", i.portId().value());
            BpduTimes t = i.times();
            o.put("messageAge", t.messageAgeSeconds());
            o.put("maxAge", t.maxAgeSeconds());
            o.put("helloTime", t.helloTimeSeconds());
            o.put("forwardDelay", t.forwardDelaySeconds());
        }
        if (f.pvstVlan().isPresent()) {
            o.put("pvstVlan", f.pvstVlan().getAsInt());
        }
        if (b instanceof MstBpdu m) {
            mst(o.putObject("mst"), m);
        }
    }

    private static void mst(ObjectNode o, MstBpdu m) {
        o.put("configName", m.configId().name());
        o.put("revisionLevel", m.configId().revisionLevel());
        o.put("digest", m.configId().digestHex());
        o.put("cistInternalRootPathCost", m.cistInternalRootPathCost());
        bridgeId(o.putObject("cistBridgeId"), m.cistBridgeId());
        o.put("remainingHops", m.cistRemainingHops());
        ArrayNode mstis = o.putArray("mstis");
        for (MstiConfiguration c : m.mstis()) {
            ObjectNode msti = mstis.addObject();
            msti.put("id", c.mstid());
            msti.put("flags", c.flags().bits());
            bridgeId(msti.putObject("regionalRootId"), c.regionalRootId());
            msti.put("internalRootPathCost", c.internalRootPathCost());
            msti.put("bridgePriority", c.bridgePriority());
            msti.put("portPriority", c.portPriority());
            msti.put("remainingHops", c.remainingHops());
        }
    }

    private static void bridgeId(ObjectNode o, BridgeId id) {
        o.put("priority", id.priority());
        o.put("systemIdExtension", id.systemIdExtension());
        o.put("mac", id.mac().toString());
    }

    private static String text(MacAddress mac) {
        return mac == null ? null : mac.toString();
    }
}
