package io.twinlink.agent.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The interfaces of the caller's network namespace, read from {@code /proc/self/net/dev}.
 *
 * <p>Why not {@link java.net.NetworkInterface}: on Linux the JDK enumerates interfaces through
 * their IP addresses, so a down member port without an address (the usual LACP member) is
 * missing. Why not {@code /sys/class/net}: sysfs shows the namespace it was mounted in, which
 * is not ours after a bare {@code setns}; {@code /proc/self/net} always follows the process.
 */
public final class ProcNetInterfaceCatalog implements InterfaceCatalog {

    private static final Path PROC_NET_DEV = Path.of("/proc/self/net/dev");

    private final Path source;

    public ProcNetInterfaceCatalog() {
        this(PROC_NET_DEV);
    }

    ProcNetInterfaceCatalog(Path source) {
        this.source = source;
    }

    @Override
    public boolean exists(String name) {
        return names().contains(name);
    }

    /** Read on every call: interfaces come and go while an operator edits a config. */
    public Set<String> names() {
        try {
            return parse(Files.readAllLines(source));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list interfaces from " + source, e);
        }
    }

    /**
     * Two header lines, then {@code "  name: rx-bytes rx-packets ..."}; Linux forbids ':' in
     * interface names (dev_valid_name), so the first colon ends the name.
     */
    static Set<String> parse(List<String> lines) {
        Set<String> names = new HashSet<>();
        for (int i = 2; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(':');
            if (colon > 0) {
                names.add(line.substring(0, colon).trim());
            }
        }
        return names;
    }
}
