package io.twinlink.agent.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/** Reads the {@code lacp:} list and checks the bundles against each other and the host. */
final class LacpSection {

    static final String[] KEYS = {
        "name", "key", "mode", "rate", "min-links", "max-links", "members", "mlag-id",
        "aggregate-wait", "port-priority"
    };

    /** Aggregate_Wait_Time longer than this is a typo (minutes meant as seconds), not a policy. */
    private static final int MAX_AGGREGATE_WAIT_SECONDS = 60;

    private final InterfaceCatalog interfaces;
    private final boolean mlagConfigured;

    LacpSection(InterfaceCatalog interfaces, boolean mlagConfigured) {
        this.interfaces = interfaces;
        this.mlagConfigured = mlagConfigured;
    }

    /** A bundle as read, with the nodes its problems are reported on. */
    private record Entry(BundleConfig bundle, ConfigNode node, List<ConfigNode> memberNodes) {
        String owner(int index) {
            return "lacp[" + index + "]" + (bundle.name().isEmpty() ? "" : " (" + bundle.name() + ")");
        }
    }

    List<BundleConfig> read(ConfigNode lacp) {
        List<ConfigNode> nodes = lacp.list("bundles");
        Set<String> aggregates = new HashSet<>();
        for (ConfigNode n : nodes) {
            n.field("name").rawText().ifPresent(aggregates::add);
        }
        List<Entry> entries = new ArrayList<>();
        for (ConfigNode n : nodes) {
            entries.add(readBundle(n, aggregates));
        }
        checkAcrossBundles(entries);
        return entries.stream().map(Entry::bundle).toList();
    }

    private Entry readBundle(ConfigNode n, Set<String> aggregates) {
        if (!n.mapping(KEYS)) {
            if (!n.present()) {
                n.problem("must be a mapping of " + String.join(", ", KEYS));
            }
            return new Entry(placeholder(), n, List.of());
        }
        String name = n.field("name").present() ? n.field("name").interfaceName().orElse("")
                : missing(n.field("name"), "the aggregate interface's name");
        int key = n.field("key").requiredInteger(1, 65535);
        LacpMode mode = n.field("mode").choice(LacpMode.class, LacpMode.ACTIVE);
        LacpRate rate = n.field("rate").choice(LacpRate.class, LacpRate.SLOW);
        List<ConfigNode> memberNodes = n.field("members").list("interface names");
        List<String> members = readMembers(n.field("members"), memberNodes, aggregates);
        int minLinks = n.field("min-links").integer(1, 65535, 1);
        OptionalInt maxLinks = n.field("max-links").optionalInteger(1, 65535);
        if (n.field("min-links").present() && minLinks > members.size() && !members.isEmpty()) {
            n.field("min-links").problem(minLinks + " is more than the " + members.size() + " members");
        }
        if (maxLinks.isPresent() && maxLinks.getAsInt() < minLinks) {
            n.field("max-links").problem("must be at least min-links (" + minLinks + "), got " + maxLinks.getAsInt());
        }
        OptionalInt mlagId = n.field("mlag-id").optionalInteger(1, 65535);
        if (mlagId.isPresent() && !mlagConfigured) {
            n.field("mlag-id").problem("needs an mlag section");
        }
        var wait = n.field("aggregate-wait").seconds(MAX_AGGREGATE_WAIT_SECONDS, BundleConfig.DEFAULT_AGGREGATE_WAIT);
        OptionalInt portPriority = n.field("port-priority").optionalInteger(0, 65535);
        return new Entry(new BundleConfig(name, key, mode, rate, minLinks, maxLinks, members, mlagId, wait, portPriority),
                n, memberNodes);
    }

    /** Members named like another bundle's aggregate are reported as such, not as missing. */
    private List<String> readMembers(ConfigNode field, List<ConfigNode> nodes, Set<String> aggregates) {
        if (!field.present()) {
            field.problem("required (a list of interface names)");
        } else if (field.isList() && nodes.isEmpty()) {
            field.problem("must list at least one interface");
        }
        List<String> members = new ArrayList<>();
        for (ConfigNode m : nodes) {
            if (!m.present()) {
                m.problem("must be an interface name, got nothing");
            }
            String name = m.interfaceName().orElse("");
            if (!name.isEmpty() && !aggregates.contains(name) && !interfaces.exists(name)) {
                m.problem("no such interface \"" + name + "\"");
            }
            members.add(name); // kept even when wrong, so list positions stay the YAML's
        }
        return members;
    }

    private void checkAcrossBundles(List<Entry> entries) {
        Map<String, Integer> bundleByName = new HashMap<>();
        Map<Integer, Integer> bundleByKey = new HashMap<>();
        Map<Integer, Integer> bundleByMlagId = new HashMap<>();
        Map<String, Integer> bundleByMember = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            BundleConfig b = entries.get(i).bundle();
            if (!b.name().isEmpty()) {
                Integer first = bundleByName.putIfAbsent(b.name(), i);
                if (first != null) {
                    entries.get(i).node().field("name").problem("\"" + b.name() + "\" is already the name of " + entries.get(first).owner(first));
                }
            }
            if (b.key() != 0) {
                // Ports with equal keys and the same partner aggregate together [802.1AX-2020 6.4.14.1]:
                // two bundles sharing a key could end up as one aggregator.
                Integer first = bundleByKey.putIfAbsent(b.key(), i);
                if (first != null) {
                    entries.get(i).node().field("key").problem(b.key() + " is already the key of " + entries.get(first).owner(first));
                }
            }
            if (b.mlagId().isPresent()) {
                Integer first = bundleByMlagId.putIfAbsent(b.mlagId().getAsInt(), i);
                if (first != null) {
                    entries.get(i).node().field("mlag-id").problem(b.mlagId().getAsInt() + " is already used by " + entries.get(first).owner(first));
                }
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            List<String> members = e.bundle().members();
            for (int m = 0; m < members.size(); m++) {
                String name = members.get(m);
                if (name.isEmpty()) {
                    continue;
                }
                ConfigNode node = e.memberNodes().get(m);
                Integer aggregate = bundleByName.get(name);
                if (aggregate != null) {
                    node.problem("\"" + name + "\" is the aggregate of " + entries.get(aggregate).owner(aggregate));
                    continue;
                }
                Integer owner = bundleByMember.putIfAbsent(name, i);
                if (owner != null) {
                    node.problem(owner == i ? "\"" + name + "\" is listed twice"
                            : "\"" + name + "\" is already a member of " + entries.get(owner).owner(owner));
                }
            }
        }
    }

    private static String missing(ConfigNode field, String what) {
        field.problem("required (" + what + ")");
        return "";
    }

    private static BundleConfig placeholder() {
        return new BundleConfig("", 0, LacpMode.ACTIVE, LacpRate.SLOW, 1, OptionalInt.empty(), List.of(),
                OptionalInt.empty(), BundleConfig.DEFAULT_AGGREGATE_WAIT, OptionalInt.empty());
    }
}
