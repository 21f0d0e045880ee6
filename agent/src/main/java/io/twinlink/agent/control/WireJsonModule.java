package io.twinlink.agent.control;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.twinlink.wire.LacpInfo;
import io.twinlink.wire.LacpPortState;
import io.twinlink.wire.MacAddress;
import java.io.IOException;

/**
 * JSON for the wire values of {@code common} (which knows nothing of Jackson), in the shapes
 * DESIGN.md fixes: a MAC is {@code "aa:bb:cc:dd:ee:ff"}; Actor/Partner information is
 * {@code {systemPriority, system, key, portPriority, port, state, stateFlags}}, with
 * {@code state} the octet and {@code stateFlags} the names of its set bits.
 */
public final class WireJsonModule extends SimpleModule {

    private static final long serialVersionUID = 1L;

    public WireJsonModule() {
        super("twinlink-wire");
        addSerializer(MacAddress.class, new MacSerializer());
        addDeserializer(MacAddress.class, new MacDeserializer());
        addSerializer(LacpInfo.class, new LacpInfoSerializer());
        addDeserializer(LacpInfo.class, new LacpInfoDeserializer());
    }

    private static final class MacSerializer extends JsonSerializer<MacAddress> {
        @Override
        public void serialize(MacAddress mac, JsonGenerator gen, SerializerProvider p) throws IOException {
            gen.writeString(mac.toString());
        }
    }

    private static final class MacDeserializer extends JsonDeserializer<MacAddress> {
        @Override
        public MacAddress deserialize(JsonParser parser, DeserializationContext ctx) throws IOException {
            String text = parser.getValueAsString();
            try {
                return MacAddress.parse(text == null ? "" : text);
            } catch (IllegalArgumentException e) {
                return (MacAddress) ctx.handleWeirdStringValue(MacAddress.class, text, e.getMessage());
            }
        }
    }

    private static final class LacpInfoSerializer extends JsonSerializer<LacpInfo> {
        @Override
        public void serialize(LacpInfo info, JsonGenerator gen, SerializerProvider p) throws IOException {
            gen.writeStartObject();
            gen.writeNumberField("systemPriority", info.systemPriority());
            gen.writeStringField("system", info.system().toString());
            gen.writeNumberField("key", info.key());
            gen.writeNumberField("portPriority", info.portPriority());
            gen.writeNumberField("port", info.port());
            gen.writeNumberField("state", info.state().bits());
            gen.writeArrayFieldStart("stateFlags");
            for (String flag : info.state().flagNames()) {
                gen.writeString(flag);
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
    }

    /** {@code stateFlags} is derived from {@code state}, so reading ignores it. */
    private static final class LacpInfoDeserializer extends JsonDeserializer<LacpInfo> {
        @Override
        public LacpInfo deserialize(JsonParser parser, DeserializationContext ctx) throws IOException {
            JsonNode n = parser.readValueAsTree();
            try {
                return new LacpInfo(
                        n.path("systemPriority").asInt(),
                        MacAddress.parse(n.path("system").asText()),
                        n.path("key").asInt(),
                        n.path("portPriority").asInt(),
                        n.path("port").asInt(),
                        LacpPortState.of(n.path("state").asInt()));
            } catch (IllegalArgumentException e) {
                return (LacpInfo) ctx.handleWeirdNativeValue(ctx.constructType(LacpInfo.class), n, parser);
            }
        }
    }
}
