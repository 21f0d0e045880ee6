package io.twinlink.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * twinlink's own view of its bundles, read from {@code show lacp --json} (DESIGN.md, "show ...
 * --json"). Parsed field by field from the JSON text so the test checks the contract the
 * documentation gives, not the agent's Java records.
 */
public record TwinlinkLacpStatus(int systemPriority, String systemMac, List<Aggregator> aggregators) {

    public static final String COLLECTING_DISTRIBUTING = "COLLECTING_DISTRIBUTING";

    public TwinlinkLacpStatus {
        aggregators = List.copyOf(aggregators);
    }

    public record Aggregator(String name, int key, String partnerSystem, boolean active, List<Member> members) {

        public Aggregator {
            members = List.copyOf(members);
        }

        public Member member(String port) {
            return members.stream().filter(m -> m.port.equals(port)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no member " + port + " in " + name + ": " + members));
        }

        /** Every member's Mux machine in COLLECTING_DISTRIBUTING. */
        public boolean allCollectingDistributing() {
            return !members.isEmpty() && members.stream().allMatch(Member::collectingDistributing);
        }
    }

    /** Actor or partner information, as {@code decode --json} shows it. */
    public record PortInfo(int systemPriority, String system, int key, int portPriority, int port, int state,
                           Set<String> stateFlags) {

        public PortInfo {
            stateFlags = Set.copyOf(stateFlags);
        }

        static PortInfo fromJson(JsonNode n) {
            Set<String> flags = new LinkedHashSet<>();
            n.path("stateFlags").forEach(f -> flags.add(f.asText()));
            return new PortInfo(n.path("systemPriority").asInt(), n.path("system").asText(), n.path("key").asInt(),
                    n.path("portPriority").asInt(), n.path("port").asInt(), n.path("state").asInt(), flags);
        }
    }

    /** One aggregation port; {@code counters} as the agent reported them (lacpduRx, lacpduTx, ...). */
    public record Member(String port, int portNumber, String selected, String mux, PortInfo actor, PortInfo partner,
                         JsonNode counters) {

        public boolean collectingDistributing() {
            return mux.equals(COLLECTING_DISTRIBUTING);
        }
    }

    public Aggregator aggregator(String name) {
        return aggregators.stream().filter(a -> a.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no aggregator " + name + ": " + aggregators));
    }

    public static TwinlinkLacpStatus fromJson(JsonNode root) {
        if (!root.path("system").isObject() || !root.path("aggregators").isArray()) {
            throw new IllegalArgumentException("not `show lacp --json` output: " + root);
        }
        List<Aggregator> aggregators = new ArrayList<>();
        for (JsonNode a : root.path("aggregators")) {
            List<Member> members = new ArrayList<>();
            for (JsonNode m : a.path("members")) {
                members.add(new Member(m.path("port").asText(), m.path("portNumber").asInt(), m.path("selected").asText(),
                        m.path("mux").asText(), PortInfo.fromJson(m.path("actor")), PortInfo.fromJson(m.path("partner")),
                        m.path("counters")));
            }
            aggregators.add(new Aggregator(a.path("name").asText(), a.path("key").asInt(), a.path("partnerSystem").asText(),
                    a.path("active").asBoolean(), members));
        }
        return new TwinlinkLacpStatus(root.path("system").path("priority").asInt(),
                root.path("system").path("mac").asText(), aggregators);
    }
}
