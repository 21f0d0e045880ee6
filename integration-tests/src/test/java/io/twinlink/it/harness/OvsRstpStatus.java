package io.twinlink.it.harness;

import java.util.ArrayList;
import java.util.List;

/** One bridge as `ovs-appctl rstp/show BRIDGE` reports it. */
public record OvsRstpStatus(String bridge, int rootPriority, String rootSystemId, boolean isRoot, String rootPort,
                            int rootPathCost, int bridgePriority, String bridgeSystemId, List<Port> ports) {

    public OvsRstpStatus {
        ports = List.copyOf(ports);
    }

    /** @param role Root|Designated|Alternate|Backup|Disabled; @param state Discarding|Learning|Forwarding|Disabled */
    public record Port(String name, String role, String state, int cost, String priorityAndNumber) {
    }

    public Port port(String name) {
        return ports.stream().filter(p -> p.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no port " + name + " on " + bridge + ": " + ports));
    }

    public static OvsRstpStatus parse(String text) {
        String bridge = null;
        String section = "";
        int rootPriority = 0;
        String rootId = "";
        boolean isRoot = false;
        String rootPort = "";
        int rootPathCost = 0;
        int bridgePriority = 0;
        String bridgeId = "";
        boolean table = false;
        List<Port> ports = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            String[] words = line.split("\\s+");
            if (line.startsWith("----")) {
                bridge = line.replace("-", " ").strip();
            } else if (line.equals("Root ID:") || line.equals("Bridge ID:")) {
                section = line;
            } else if (line.equals("This bridge is the root")) {
                isRoot = true;
            } else if (line.startsWith("Interface") && line.contains("Role")) {
                table = true;
            } else if (table && words.length >= 5 && !line.startsWith("---")) {
                ports.add(new Port(words[0], words[1], words[2], Integer.parseInt(words[3]), words[4]));
            } else if (words.length == 2) {
                boolean root = section.equals("Root ID:");
                switch (words[0]) {
                    case "stp-priority" -> {
                        if (root) {
                            rootPriority = Integer.parseInt(words[1]);
                        } else {
                            bridgePriority = Integer.parseInt(words[1]);
                        }
                    }
                    case "stp-system-id" -> {
                        if (root) {
                            rootId = words[1];
                        } else {
                            bridgeId = words[1];
                        }
                    }
                    case "root-port" -> rootPort = words[1];
                    case "root-path-cost" -> rootPathCost = Integer.parseInt(words[1]);
                    default -> { }
                }
            }
        }
        if (bridge == null) {
            throw new IllegalArgumentException("not rstp/show output: " + text);
        }
        return new OvsRstpStatus(bridge, rootPriority, rootId, isRoot, rootPort, rootPathCost, bridgePriority, bridgeId, ports);
    }
}
