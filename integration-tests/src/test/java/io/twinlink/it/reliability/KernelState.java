package io.twinlink.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.twinlink.it.harness.Netns;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What the agent leaves in its namespace's kernel, read the way an operator would (ip, tc,
 * nft), reduced to a comparable text: the links and their aliases (pids masked), each
 * ingress qdisc's filter count, and each nftables table with its rule count. Two snapshots
 * equal means no duplicate and no missing object.
 */
final class KernelState {

    private KernelState() {
    }

    static String of(Netns netns, List<String> ingressDevices) {
        StringBuilder out = new StringBuilder();
        TreeMap<String, String> links = new TreeMap<>();
        for (JsonNode link : netns.ipJson("-d", "link", "show")) {
            String alias = link.path("ifalias").asText("");
            links.put(link.path("ifname").asText(), alias.replaceAll("pid=\\d+", "pid=N"));
        }
        links.forEach((name, alias) -> out.append("link ").append(name).append(alias.isEmpty() ? "" : " alias \"" + alias + "\"")
                .append('\n'));
        for (String dev : ingressDevices) {
            String qdiscs = netns.command("tc", "qdisc", "show", "dev", dev, "ingress").run().stdout();
            long filters = netns.command("tc", "filter", "show", "dev", dev, "ingress").run().stdout().lines()
                    .filter(l -> l.startsWith("filter")).count();
            out.append("ingress ").append(dev).append(qdiscs.isBlank() ? " none" : " filters=" + filters).append('\n');
        }
        for (String table : twinlinkTables(netns)) {
            long rules = netns.exec("nft", "-a", "list", "table", "bridge", table).stdout().lines()
                    .filter(l -> l.contains("# handle") && !l.strip().startsWith("chain") && !l.strip().startsWith("table"))
                    .count();
            out.append("nft table bridge ").append(table).append(" rules=").append(rules).append('\n');
        }
        return out.toString();
    }

    static List<String> twinlinkTables(Netns netns) {
        List<String> tables = new ArrayList<>();
        for (String line : netns.exec("nft", "list", "tables", "bridge").stdout().split("\n")) {
            String t = line.strip();
            if (t.startsWith("table bridge twinlink_")) {
                tables.add(t.substring("table bridge ".length()));
            }
        }
        return tables;
    }

    /** The pid an aggregate's twinlink alias names, or -1 when there is none. */
    static long markedPid(Netns netns, String link) {
        for (JsonNode l : netns.ipJson("-d", "link", "show")) {
            if (l.path("ifname").asText().equals(link)) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("pid=(\\d+)").matcher(l.path("ifalias").asText(""));
                return m.find() ? Long.parseLong(m.group(1)) : -1;
            }
        }
        return -1;
    }
}
