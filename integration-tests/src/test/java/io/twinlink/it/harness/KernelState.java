package io.twinlink.it.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the agent leaves in its namespace's kernel, read the way an operator would (ip, tc,
 * nft), reduced to a comparable text: the links and their aliases (pids masked), each
 * ingress qdisc's filter count, each twinlink nftables table with its rule count and the
 * contents of its sets (the MC-LAG split horizon's {@code dual_homed} bundles). Two snapshots
 * equal means no duplicate and no missing object.
 */
public final class KernelState {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PID = Pattern.compile("pid=(\\d+)");

    private KernelState() {
    }

    public static String of(Netns netns, List<String> ingressDevices) {
        StringBuilder out = new StringBuilder();
        TreeMap<String, String> links = new TreeMap<>();
        for (JsonNode link : netns.ipJson("-d", "link", "show")) {
            String alias = link.path("ifalias").asText("");
            links.put(link.path("ifname").asText(), PID.matcher(alias).replaceAll("pid=N"));
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
            out.append(table(netns, table));
        }
        return out.toString();
    }

    /** One table: its rule count, then each set with its elements in order. */
    private static String table(Netns netns, String table) {
        JsonNode listing;
        try {
            listing = JSON.readTree(netns.exec("nft", "-j", "list", "table", "bridge", table).stdout()).path("nftables");
        } catch (IOException e) {
            throw new UncheckedIOException("nft -j list table bridge " + table + " printed no JSON", e);
        }
        long rules = 0;
        TreeMap<String, TreeSet<String>> sets = new TreeMap<>();
        for (JsonNode object : listing) {
            if (object.has("rule")) {
                rules++;
            } else if (object.has("set")) {
                TreeSet<String> elements = new TreeSet<>();
                object.path("set").path("elem").forEach(e -> elements.add(e.isTextual() ? e.asText() : e.toString()));
                sets.put(object.path("set").path("name").asText(), elements);
            }
        }
        StringBuilder out = new StringBuilder("nft table bridge " + table + " rules=" + rules + "\n");
        sets.forEach((name, elements) -> out.append("nft set bridge ").append(table).append(' ').append(name)
                .append(" elements=").append(elements).append('\n'));
        return out.toString();
    }

    public static List<String> twinlinkTables(Netns netns) {
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
    public static long markedPid(Netns netns, String link) {
        for (JsonNode l : netns.ipJson("-d", "link", "show")) {
            if (l.path("ifname").asText().equals(link)) {
                Matcher m = PID.matcher(l.path("ifalias").asText(""));
                return m.find() ? Long.parseLong(m.group(1)) : -1;
            }
        }
        return -1;
    }
}
