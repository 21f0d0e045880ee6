package io.twinlink.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Set;

/** One network interface as `ip -j link` reports it. */
public record Link(String name, int index, String mac, String operState, Set<String> flags, int mtu, String master) {

    public Link {
        flags = Set.copyOf(flags);
    }

    static Link fromJson(JsonNode node) {
        Set<String> flags = new LinkedHashSet<>();
        node.path("flags").forEach(f -> flags.add(f.asText()));
        return new Link(node.path("ifname").asText(), node.path("ifindex").asInt(),
                node.path("address").asText(""), node.path("operstate").asText(""), flags,
                node.path("mtu").asInt(), node.hasNonNull("master") ? node.get("master").asText() : null);
    }

    /** Administratively up. */
    public boolean isUp() {
        return flags.contains("UP");
    }

    /** Carrier present (the kernel's LOWER_UP). */
    public boolean hasCarrier() {
        return flags.contains("LOWER_UP");
    }
}
