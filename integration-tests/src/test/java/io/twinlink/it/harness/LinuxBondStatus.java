package io.twinlink.it.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Linux bonding driver's own view of an 802.3ad bond, parsed from
 * /proc/net/bonding/BOND (format of drivers/net/bonding/bond_procfs.c).
 */
public record LinuxBondStatus(String mode, String lacpRate, int systemPriority, String systemMac,
                              Aggregator activeAggregator, List<Slave> slaves) {

    /** Synchronization, Collecting and Distributing bits of a port state [802.1AX-2020 6.4.2.3]. */
    public static final int IN_SYNC_COLLECTING_DISTRIBUTING = 0x08 | 0x10 | 0x20;

    public LinuxBondStatus {
        slaves = List.copyOf(slaves);
    }

    public record Aggregator(int id, int numberOfPorts, int actorKey, int partnerKey, String partnerMac) {
    }

    /** One side's LACP information as the driver holds it (the "details actor/partner lacp pdu" blocks). */
    public record PortInfo(int systemPriority, String systemMac, int key, int portPriority, int portNumber, int portState) {

        public boolean collectingDistributing() {
            return (portState & IN_SYNC_COLLECTING_DISTRIBUTING) == IN_SYNC_COLLECTING_DISTRIBUTING;
        }
    }

    public record Slave(String name, String miiStatus, String permanentMac, int aggregatorId,
                        String actorChurnState, String partnerChurnState, PortInfo actor, PortInfo partner) {
    }

    public Slave slave(String name) {
        return slaves.stream().filter(s -> s.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no slave " + name + ": " + slaves));
    }

    /**
     * Every slave in the one active aggregator, whose partner is {@code partnerMac}, and both
     * sides of every slave in sync, collecting and distributing.
     */
    public boolean aggregatedWith(String partnerMac) {
        return activeAggregator != null
                && activeAggregator.partnerMac.equalsIgnoreCase(partnerMac)
                && activeAggregator.numberOfPorts == slaves.size()
                && !slaves.isEmpty()
                && slaves.stream().allMatch(s -> s.aggregatorId == activeAggregator.id
                        && s.actor != null && s.actor.collectingDistributing()
                        && s.partner != null && s.partner.collectingDistributing());
    }

    public static LinuxBondStatus parse(String text) {
        String mode = "";
        String lacpRate = "";
        int systemPriority = 0;
        String systemMac = "";
        Map<String, String> aggregatorFields = new HashMap<>();
        List<SlaveBuilder> slaves = new ArrayList<>();
        SlaveBuilder slave = null;
        PortInfoBuilder details = null;
        String section = "bond";
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            int colon = line.indexOf(':');
            if (line.isEmpty() || line.startsWith("[") || colon < 0) {
                continue; // blank lines, interleaved kernel messages, section headings without values
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.equals("Active Aggregator Info")) {
                section = "aggregator";
                continue;
            }
            if (key.equals("Slave Interface")) {
                slave = new SlaveBuilder(value);
                slaves.add(slave);
                section = "slave";
                details = null;
                continue;
            }
            if (slave != null && key.startsWith("details actor lacp pdu")) {
                details = slave.actor = new PortInfoBuilder();
                continue;
            }
            if (slave != null && key.startsWith("details partner lacp pdu")) {
                details = slave.partner = new PortInfoBuilder();
                continue;
            }
            if (details != null) {
                details.set(key, value);
                continue;
            }
            switch (section) {
                case "bond" -> {
                    switch (key) {
                        case "Bonding Mode" -> mode = value;
                        case "LACP rate" -> lacpRate = value;
                        case "System priority" -> systemPriority = parseInt(value);
                        case "System MAC address" -> systemMac = value;
                        default -> { }
                    }
                }
                case "aggregator" -> aggregatorFields.put(key, value);
                default -> slave.set(key, value);
            }
        }
        if (mode.isEmpty()) {
            throw new IllegalArgumentException("not /proc/net/bonding output: " + text);
        }
        Aggregator aggregator = aggregatorFields.containsKey("Aggregator ID")
                ? new Aggregator(parseInt(aggregatorFields.get("Aggregator ID")),
                        parseInt(aggregatorFields.getOrDefault("Number of ports", "0")),
                        parseInt(aggregatorFields.getOrDefault("Actor Key", "0")),
                        parseInt(aggregatorFields.getOrDefault("Partner Key", "0")),
                        aggregatorFields.getOrDefault("Partner Mac Address", ""))
                : null;
        return new LinuxBondStatus(mode, lacpRate, systemPriority, systemMac, aggregator,
                slaves.stream().map(SlaveBuilder::build).toList());
    }

    private static int parseInt(String value) {
        String digits = value.split("\\s+")[0];
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }

    private static final class SlaveBuilder {
        final String name;
        String mii = "";
        String permanentMac = "";
        int aggregatorId;
        String actorChurn = "";
        String partnerChurn = "";
        PortInfoBuilder actor;
        PortInfoBuilder partner;

        SlaveBuilder(String name) {
            this.name = name;
        }

        void set(String key, String value) {
            switch (key) {
                case "MII Status" -> mii = value;
                case "Permanent HW addr" -> permanentMac = value;
                case "Aggregator ID" -> aggregatorId = parseInt(value);
                case "Actor Churn State" -> actorChurn = value;
                case "Partner Churn State" -> partnerChurn = value;
                default -> { }
            }
        }

        Slave build() {
            return new Slave(name, mii, permanentMac, aggregatorId, actorChurn, partnerChurn,
                    actor == null ? null : actor.build(), partner == null ? null : partner.build());
        }
    }

    private static final class PortInfoBuilder {
        int systemPriority;
        String systemMac = "";
        int key;
        int portPriority;
        int portNumber;
        int portState;

        void set(String name, String value) {
            switch (name) {
                case "system priority" -> systemPriority = parseInt(value);
                case "system mac address" -> systemMac = value;
                case "port key", "oper key" -> key = parseInt(value);
                case "port priority" -> portPriority = parseInt(value);
                case "port number" -> portNumber = parseInt(value);
                case "port state" -> portState = parseInt(value);
                default -> { }
            }
        }

        PortInfo build() {
            return new PortInfo(systemPriority, systemMac, key, portPriority, portNumber, portState);
        }
    }
}
