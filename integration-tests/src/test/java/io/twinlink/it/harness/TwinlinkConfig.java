package io.twinlink.it.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a test asks of a twinlink agent, rendered as the YAML of DESIGN.md ("Configuration").
 * Rate and data plane are always written out: the agent's defaults (slow, linux-bond) are not
 * what a test on this kernel (no bonding module) wants by accident.
 *
 * @param systemMac     the LACP system MAC the agent advertises (a locally administered one)
 * @param bundles       one or more LACP bundles
 * @param dataplane     {@code tc}, {@code linux-bond} or {@code none}
 * @param aggregateWait the bundles' {@code aggregate-wait} in seconds, or empty for the default (2 s)
 */
public record TwinlinkConfig(String systemMac, List<Bundle> bundles, String dataplane, Optional<Double> aggregateWait) {

    public TwinlinkConfig {
        bundles = List.copyOf(bundles);
        if (bundles.isEmpty()) {
            throw new IllegalArgumentException("a twinlink agent under test needs at least one bundle");
        }
    }

    /** One {@code lacp:} entry. */
    public record Bundle(String name, int key, LacpActivity mode, LacpRate rate, List<String> members) {

        public Bundle {
            members = List.copyOf(members);
        }
    }

    /** One bundle on the {@code tc} data plane, the only one this machine's kernel can run. */
    public static TwinlinkConfig tc(String systemMac, Bundle bundle) {
        return new TwinlinkConfig(systemMac, List.of(bundle), "tc", Optional.empty());
    }

    public TwinlinkConfig aggregateWait(double seconds) {
        return new TwinlinkConfig(systemMac, bundles, dataplane, Optional.of(seconds));
    }

    public Bundle bundle(String name) {
        return bundles.stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no bundle " + name + " in " + bundles));
    }

    /** The configuration file's text, with the run-specific control socket and capture file. */
    public String yaml(Path socket, Path capture) {
        List<String> lines = new ArrayList<>();
        lines.add("system: {priority: 32768, mac: " + systemMac + "}");
        lines.add("control: {socket: " + socket + "}");
        lines.add("lacp:");
        for (Bundle b : bundles) {
            lines.add("  - name: " + b.name());
            lines.add("    key: " + b.key());
            lines.add("    mode: " + word(b.mode()));
            lines.add("    rate: " + word(b.rate()));
            lines.add("    members: [" + String.join(", ", b.members()) + "]");
            aggregateWait.ifPresent(w -> lines.add("    aggregate-wait: " + w));
        }
        lines.add("dataplane: " + dataplane);
        lines.add("capture: " + capture);
        return String.join("\n", lines) + "\n";
    }

    private static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
