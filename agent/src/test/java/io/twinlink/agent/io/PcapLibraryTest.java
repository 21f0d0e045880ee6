package io.twinlink.agent.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Choosing a libpcap file among library directories (empty stand-in files in a temp dir). */
class PcapLibraryTest {

    @TempDir
    Path root;

    @Test
    void debianRuntimePackageOnlyHasTheVersionedName() throws Exception {
        Path lib = dir("usr/lib/x86_64-linux-gnu", "libpcap.so.0.8", "libpcap.so.1.10.3", "libc.so.6");
        assertThat(PcapLibrary.locate(List.of(lib))).contains(lib.resolve("libpcap.so.0.8"));
    }

    @Test
    void developmentSymlinkWinsWhenPresent() throws Exception {
        Path lib = dir("lib", "libpcap.so", "libpcap.so.0.8");
        assertThat(PcapLibrary.locate(List.of(lib))).contains(lib.resolve("libpcap.so"));
    }

    @Test
    void fedoraSoname() throws Exception {
        Path lib = dir("usr/lib64", "libpcap.so.1", "libpcap.so.1.10.4");
        assertThat(PcapLibrary.locate(List.of(lib))).contains(lib.resolve("libpcap.so.1"));
    }

    @Test
    void otherwiseTheHighestVersionNumerically() throws Exception {
        Path lib = dir("opt", "libpcap.so.1.9.1", "libpcap.so.1.10.0");
        assertThat(PcapLibrary.locate(List.of(lib))).contains(lib.resolve("libpcap.so.1.10.0"));
    }

    @Test
    void earlierDirectoryWinsAndMissingDirectoriesAreSkipped() throws Exception {
        Path first = dir("a", "libpcap.so.0.8");
        Path second = dir("b", "libpcap.so");
        assertThat(PcapLibrary.locate(List.of(root.resolve("nowhere"), first, second))).contains(first.resolve("libpcap.so.0.8"));
        assertThat(PcapLibrary.locate(List.of(root.resolve("nowhere")))).isEmpty();
    }

    private Path dir(String path, String... files) throws Exception {
        Path d = Files.createDirectories(root.resolve(path));
        for (String f : files) {
            Files.createFile(d.resolve(f));
        }
        return d;
    }
}
