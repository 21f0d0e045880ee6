package io.twinlink.agent.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the system's libpcap for pcap4j. pcap4j asks for {@code libpcap.so}, which only the
 * development package installs; a runtime-only system (Debian's {@code libpcap0.8}) has just
 * the versioned {@code libpcap.so.0.8}. So, unless the operator already set
 * {@value #PROPERTY}, we look for the library ourselves and give pcap4j its full path.
 */
public final class PcapLibrary {

    /** pcap4j reads this system property once, when its native bindings load. */
    public static final String PROPERTY = "org.pcap4j.core.pcapLibName";

    /** Best first: the development symlink, then the sonames of Fedora/Arch and Debian. */
    private static final List<String> NAMES = List.of("libpcap.so", "libpcap.so.1", "libpcap.so.0.8");

    private static String version;
    private static String failure;

    private PcapLibrary() {
    }

    /**
     * Makes sure libpcap is loaded and returns its version string. The outcome of the first
     * call is kept: a JVM can load a native library only once.
     */
    public static synchronized String load() throws FrameIoException {
        if (version == null && failure == null) {
            if (System.getProperty(PROPERTY) == null) {
                locate(searchPath()).ifPresent(p -> System.setProperty(PROPERTY, p.toString()));
            }
            try {
                version = org.pcap4j.core.Pcaps.libVersion();
            } catch (LinkageError e) { // UnsatisfiedLinkError, or NoClassDefFoundError after one
                failure = "libpcap not found (looked for " + String.join(", ", NAMES) + " in "
                        + searchPath().stream().map(Path::toString).reduce((a, b) -> a + ":" + b).orElse("")
                        + "); install the runtime package, e.g. apt-get install libpcap0.8";
            }
        }
        if (failure != null) {
            throw new FrameIoException(failure);
        }
        return version;
    }

    /** The library to use among {@code dirs}: the first directory holding a known name wins. */
    static Optional<Path> locate(List<Path> dirs) {
        for (Path dir : dirs) {
            for (String name : NAMES) {
                Path p = dir.resolve(name);
                if (Files.isReadable(p)) {
                    return Optional.of(p);
                }
            }
            Optional<Path> other = otherVersion(dir);
            if (other.isPresent()) {
                return other;
            }
        }
        return Optional.empty();
    }

    /** Any other {@code libpcap.so.N...}, the highest version first. */
    private static Optional<Path> otherVersion(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("libpcap.so."))
                    .filter(Files::isReadable)
                    .max(Comparator.comparing(p -> versionKey(p.getFileName().toString())));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static String versionKey(String fileName) {
        StringBuilder key = new StringBuilder();
        for (String part : fileName.substring("libpcap.so.".length()).split("\\.")) {
            key.append(String.format("%08d", part.matches("\\d{1,8}") ? Integer.parseInt(part) : 0));
        }
        return key.toString();
    }

    /** Where the dynamic linker would look on Debian, Ubuntu, Fedora, Arch and Alpine. */
    static List<Path> searchPath() {
        Set<String> dirs = new LinkedHashSet<>();
        for (String property : List.of("jna.library.path", "java.library.path")) {
            String value = System.getProperty(property);
            if (value != null) {
                for (String d : value.split(java.io.File.pathSeparator)) {
                    if (!d.isBlank()) {
                        dirs.add(d);
                    }
                }
            }
        }
        String triplet = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64" -> "aarch64-linux-gnu";
            case "arm" -> "arm-linux-gnueabihf";
            case "ppc64le" -> "powerpc64le-linux-gnu";
            case "s390x" -> "s390x-linux-gnu";
            case "riscv64" -> "riscv64-linux-gnu";
            default -> "";
        };
        if (!triplet.isEmpty()) {
            dirs.add("/usr/lib/" + triplet);
            dirs.add("/lib/" + triplet);
        }
        dirs.addAll(List.of("/usr/lib64", "/lib64", "/usr/lib", "/lib", "/usr/local/lib"));
        List<Path> out = new ArrayList<>();
        for (String d : dirs) {
            out.add(Path.of(d));
        }
        return out;
    }
}
