package io.twinlink.it.harness;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Kernel and initramfs of the Linux bonding guest. The recipe is one shell script,
 * {@code bonding-vm/build-image.sh} in the test resources, shared with {@code bin/demo
 * --server bond-vm}: Debian's {@code linux-image-amd64} kernel (as an ELF vmlinux with a PVH
 * entry point when it has one, fast to boot under tcg) and an initramfs of busybox-static,
 * e1000.ko, tls.ko, bonding.ko and the {@code bonding-vm/init} script. Built once and kept
 * under {@code integration-tests/target/bonding-vm/}, keyed by kernel package, script and
 * init, so later runs from the same tree start at once.
 */
public final class BondingVmImage {

    private static final String BUILD_SCRIPT = "/bonding-vm/build-image.sh";
    private static BondingVmImage built;

    private final Path kernel;
    private final Path initrd;

    private BondingVmImage(Path kernel, Path initrd) {
        this.kernel = kernel;
        this.initrd = initrd;
    }

    public Path kernel() {
        return kernel;
    }

    public Path initrd() {
        return initrd;
    }

    /** The image, built on first use in this JVM (or found from an earlier build with the same inputs). */
    public static synchronized BondingVmImage get() {
        if (built == null) {
            Path cache = Path.of(System.getProperty("twinlink.it.vmcache", "target/bonding-vm")).toAbsolutePath();
            built = build(cache);
        }
        return built;
    }

    private static BondingVmImage build(Path cache) {
        Command script = Command.of("sh", buildScript().toString(), cache.toString()).timeout(Duration.ofMinutes(10));
        String forced = System.getProperty("twinlink.it.kernelPackage");
        if (forced != null) {
            script = script.env("KERNEL_PACKAGE", forced);
        }
        CommandResult result = script.check();
        if (!result.stderr().isBlank()) {
            System.out.print(result.stderr()); // "built ... in N s" on a fresh build
        }
        String[] lines = result.stdout().strip().split("\n");
        Path dir = Path.of(lines[lines.length - 1].strip());
        Path kernel = dir.resolve("kernel");
        Path initrd = dir.resolve("initrd.gz");
        if (!Files.isRegularFile(kernel) || !Files.isRegularFile(initrd)) {
            throw new IllegalStateException(BUILD_SCRIPT + " named " + dir + ", which has no kernel and initrd.gz");
        }
        return new BondingVmImage(kernel, initrd);
    }

    /** The script as a file: test resources are a directory on the test class path. */
    private static Path buildScript() {
        URL url = BondingVmImage.class.getResource(BUILD_SCRIPT);
        if (url == null || !url.getProtocol().equals("file")) {
            throw new IllegalStateException("test resource " + BUILD_SCRIPT + " missing (or not a file: " + url + ")");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
