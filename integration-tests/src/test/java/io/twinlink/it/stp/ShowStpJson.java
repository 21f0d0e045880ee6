package io.twinlink.it.stp;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading {@code twinlink show stp --json} (DESIGN.md contract) in assertions. */
final class ShowStpJson {

    private ShowStpJson() {
    }

    /** A {@code {priority, systemIdExtension, mac}} object, e.g. {@code rootId}. */
    static BridgeIdentifier identifier(JsonNode id) {
        return new BridgeIdentifier(id.path("priority").asInt() + id.path("systemIdExtension").asInt(),
                id.path("mac").asText());
    }

    static JsonNode port(JsonNode showStp, String name) {
        for (JsonNode p : showStp.path("ports")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no port " + name + " in " + showStp);
    }
}
