package io.twinlink.it.harness;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One bond as `ovs-appctl lacp/show BOND` reports it. OVS calls an LACP port "current" when
 * its partner information is fresh (Receive machine CURRENT) and "attached" when its Mux
 * machine has attached it to the aggregator.
 */
public record OvsLacpStatus(String bond, boolean active, boolean negotiated, String systemId,
                            int systemPriority, int aggregationKey, String lacpTime, List<Member> members) {

    public OvsLacpStatus {
        members = List.copyOf(members);
    }

    /**
     * @param receiveState {@code current}, {@code expired} or {@code defaulted}
     * @param actorState   the set state bits by OVS's names (activity, timeout, aggregation,
     *                     synchronized, collecting, distributing, defaulted, expired)
     */
    public record Member(String name, String receiveState, boolean attached, boolean mayEnable, int portId,
                         Set<String> actorState, String partnerSystemId, int partnerPortId, int partnerKey,
                         Set<String> partnerState) {

        public Member {
            actorState = Set.copyOf(actorState);
            partnerState = Set.copyOf(partnerState);
        }

        public boolean currentAttached() {
            return receiveState.equals("current") && attached;
        }
    }

    public Member member(String name) {
        return members.stream().filter(m -> m.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no member " + name + " in " + bond + ": " + members));
    }

    public boolean allMembersCurrentAttached() {
        return !members.isEmpty() && members.stream().allMatch(Member::currentAttached);
    }

    public static OvsLacpStatus parse(String text) {
        Builder bond = new Builder();
        MemberBuilder member = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("----")) {
                bond.name = line.replace("-", " ").strip();
            } else if (line.startsWith("member: ")) {
                member = new MemberBuilder();
                bond.members.add(member);
                String[] parts = line.substring("member: ".length()).split(":", 2);
                member.name = parts[0].strip();
                String[] words = parts.length > 1 ? parts[1].strip().split("\\s+") : new String[0];
                member.receiveState = words.length > 0 ? words[0] : "";
                member.attached = words.length > 1 && words[1].equals("attached");
            } else if (line.contains(":")) {
                String key = line.substring(0, line.indexOf(':')).strip();
                String value = line.substring(line.indexOf(':') + 1).strip();
                if (member == null) {
                    bond.set(key, value);
                } else {
                    member.set(key, value);
                }
            }
        }
        if (bond.name == null) {
            throw new IllegalArgumentException("not lacp/show output: " + text);
        }
        return bond.build();
    }

    private static final class Builder {
        String name;
        boolean active;
        boolean negotiated;
        String systemId = "";
        int systemPriority;
        int key;
        String lacpTime = "";
        final List<MemberBuilder> members = new ArrayList<>();

        void set(String key, String value) {
            switch (key) {
                case "status" -> {
                    Set<String> words = Set.of(value.split("\\s+"));
                    active = words.contains("active");
                    negotiated = words.contains("negotiated");
                }
                case "sys_id" -> systemId = value;
                case "sys_priority" -> systemPriority = Integer.parseInt(value);
                case "aggregation key" -> this.key = Integer.parseInt(value);
                case "lacp_time" -> lacpTime = value;
                default -> { }
            }
        }

        OvsLacpStatus build() {
            return new OvsLacpStatus(name, active, negotiated, systemId, systemPriority, key, lacpTime,
                    members.stream().map(MemberBuilder::build).toList());
        }
    }

    private static final class MemberBuilder {
        String name;
        String receiveState;
        boolean attached;
        boolean mayEnable;
        int portId;
        Set<String> actorState = Set.of();
        String partnerSystemId = "";
        int partnerPortId;
        int partnerKey;
        Set<String> partnerState = Set.of();

        void set(String key, String value) {
            switch (key) {
                case "may_enable" -> mayEnable = value.equals("true");
                case "port_id" -> portId = Integer.parseInt(value);
                case "actor state" -> actorState = words(value);
                case "partner sys_id" -> partnerSystemId = value;
                case "partner port_id" -> partnerPortId = Integer.parseInt(value);
                case "partner key" -> partnerKey = Integer.parseInt(value);
                case "partner state" -> partnerState = words(value);
                default -> { }
            }
        }

        Member build() {
            return new Member(name, receiveState, attached, mayEnable, portId, actorState, partnerSystemId,
                    partnerPortId, partnerKey, partnerState);
        }

        private static Set<String> words(String value) {
            return value.isBlank() ? Set.of() : new LinkedHashSet<>(List.of(value.split("\\s+")));
        }
    }
}
