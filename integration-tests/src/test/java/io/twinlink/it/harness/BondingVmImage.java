package io.twinlink.it.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Kernel and initramfs of the Linux bonding guest, made from Debian's own packages: the
 * kernel is that of {@code linux-image-amd64} (it need not match the host's, the guest runs
 * under qemu), the initramfs holds busybox-static, e1000.ko, tls.ko and bonding.ko and the
 * init script from the test resources. Built once and kept under
 * {@code integration-tests/target/bonding-vm/}, keyed by kernel package and init script, so
 * later runs from the same tree start at once.
 */
public final class BondingVmImage {

    private static final String INIT_RESOURCE = "/bonding-vm/init";
    private static final List<String> MODULES = List.of("e1000", "tls", "bonding");
    /** Bump when the way the image is made changes, so cached images from older recipes are not reused. */
    private static final String RECIPE = "pvh-1";
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
        byte[] init = initScript();
        String kernelPackage = kernelPackage();
        byte[] recipe = (RECIPE + "\n" + new String(init, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        Path dir = cache.resolve(kernelPackage + "-" + HexFormat.of().formatHex(sha256(recipe)).substring(0, 12));
        Path kernel = dir.resolve("kernel");
        Path initrd = dir.resolve("initrd.gz");
        if (Files.exists(kernel) && Files.exists(initrd)) {
            return new BondingVmImage(kernel, initrd);
        }
        long started = System.nanoTime();
        try {
            Files.createDirectories(cache);
            Path deb = download(cache, kernelPackage);
            Path staging = Files.createTempDirectory(cache, "staging-");
            try {
                Path extracted = Files.createDirectories(staging.resolve("deb"));
                Command.of("sh", "-c", "dpkg-deb --fsys-tarfile \"$1\" | tar -x -C \"$2\" --wildcards"
                                + " './boot/vmlinuz-*' './boot/config-*' '*/e1000.ko*' '*/net/tls/tls.ko*' '*/bonding/bonding.ko*'",
                        "sh", deb.toString(), extracted.toString())
                        .timeout(Duration.ofMinutes(3)).check();
                Path root = Files.createDirectories(staging.resolve("root"));
                for (String sub : List.of("bin", "lib/modules", "proc", "sys", "dev")) {
                    Files.createDirectories(root.resolve(sub));
                }
                Files.copy(busybox(), root.resolve("bin/busybox"));
                Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("busybox"));
                Files.write(root.resolve("init"), init);
                Files.setPosixFilePermissions(root.resolve("init"), PosixFilePermissions.fromString("rwxr-xr-x"));
                for (String module : MODULES) {
                    installModule(extracted, module, root.resolve("lib/modules/" + module + ".ko"));
                }
                Path stagedInitrd = staging.resolve("initrd.gz");
                Command.of("sh", "-c", "cd \"$1\" && find . | cpio -o -H newc --quiet | gzip -1 > \"$2\"",
                        "sh", root.toString(), stagedInitrd.toString()).timeout(Duration.ofMinutes(1)).check();
                Path stagedKernel = bootableKernel(extracted.resolve("boot"), staging);
                Files.createDirectories(dir);
                // Moves last, kernel after initrd: a build killed half-way is never taken as complete.
                Files.move(stagedInitrd, initrd, StandardCopyOption.REPLACE_EXISTING);
                Files.move(stagedKernel, kernel, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                TestRun.deleteTree(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the bonding guest image in " + dir, e);
        }
        System.out.printf("bonding-vm: built %s in %.1f s%n", dir, (System.nanoTime() - started) / 1e9);
        pruneOlderImages(cache, dir);
        return new BondingVmImage(kernel, initrd);
    }

    /** The ELF vmlinux when the kernel has a PVH entry point (fast to boot under tcg), else the bzImage. */
    private static Path bootableKernel(Path boot, Path staging) throws IOException {
        Path bzImage = only(boot, "vmlinuz-");
        boolean pvh = Files.readAllLines(only(boot, "config-")).contains("CONFIG_PVH=y");
        Path vmlinux = staging.resolve("vmlinux");
        return pvh && UncompressedKernel.extract(bzImage, vmlinux) ? vmlinux : bzImage;
    }

    /** Images from other recipes or kernels are never used again: each is ~70 MB of target/. */
    private static void pruneOlderImages(Path cache, Path current) {
        try (Stream<Path> entries = Files.list(cache)) {
            entries.filter(p -> Files.isDirectory(p) && !p.equals(current)
                            && p.getFileName().toString().startsWith("linux-image-"))
                    .forEach(TestRun::deleteTree);
        } catch (IOException e) {
            System.err.println("bonding-vm: cannot prune " + cache + ": " + e.getMessage());
        }
    }

    /** The versioned package linux-image-amd64 points to, e.g. linux-image-6.1.0-56-amd64. */
    private static String kernelPackage() {
        String forced = System.getProperty("twinlink.it.kernelPackage");
        if (forced != null) {
            return forced;
        }
        String depends = Command.of("apt-cache", "depends", "linux-image-amd64").run().stdout();
        return depends.lines().map(String::strip)
                .filter(l -> l.startsWith("Depends: linux-image-"))
                .map(l -> l.substring("Depends: ".length()).strip())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "apt-cache knows no linux-image-amd64: run `apt-get update` (bin/setup does) so the guest kernel can be downloaded"));
    }

    private static Path download(Path cache, String kernelPackage) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            var existing = files.filter(p -> p.getFileName().toString().startsWith(kernelPackage + "_")
                    && p.getFileName().toString().endsWith(".deb")).findFirst();
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        // The _apt sandbox user cannot write into target/; root downloads it directly.
        Command.of("apt-get", "download", "-q", "-o", "APT::Sandbox::User=root", kernelPackage)
                .directory(cache).timeout(Duration.ofMinutes(5)).check();
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(p -> p.getFileName().toString().startsWith(kernelPackage + "_")
                            && p.getFileName().toString().endsWith(".deb"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("apt-get download " + kernelPackage + " left no .deb in " + cache));
        }
    }

    /** Copies one module out of the extracted package, decompressing .ko.xz / .ko.zst (newer Debian kernels). */
    private static void installModule(Path extracted, String module, Path target) throws IOException {
        Path found;
        try (Stream<Path> files = Files.walk(extracted)) {
            found = files.filter(p -> p.getFileName().toString().matches(module + "\\.ko(\\.xz|\\.zst|\\.gz)?"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no " + module + ".ko in the kernel package"));
        }
        String name = found.getFileName().toString();
        if (name.endsWith(".ko")) {
            Files.copy(found, target);
        } else {
            String tool = name.endsWith(".xz") ? "xz" : name.endsWith(".zst") ? "zstd" : "gzip";
            Command.of("sh", "-c", "\"$1\" -d -c \"$2\" > \"$3\"", "sh", tool, found.toString(), target.toString()).check();
        }
    }

    /** A statically linked busybox: the initramfs has no C library. */
    private static Path busybox() {
        Path busybox = Path.of("/bin/busybox");
        if (!Files.exists(busybox) || Command.of("ldd", busybox.toString()).run().succeeded()) {
            throw new IllegalStateException("/bin/busybox is missing or dynamically linked: install busybox-static (bin/setup)");
        }
        return busybox;
    }

    private static Path only(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + prefix + "* in " + dir));
        }
    }

    private static byte[] initScript() {
        try (InputStream in = BondingVmImage.class.getResourceAsStream(INIT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + INIT_RESOURCE + " missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
