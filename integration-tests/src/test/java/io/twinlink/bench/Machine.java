package io.twinlink.bench;

import io.twinlink.it.harness.Command;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on: they mean little without it. */
record Machine(int cpus, String cpuModel, long memoryMb, String os, String kernel, String java, String ovs, String tshark) {

    static Machine describe() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), readMemoryMb(), osName(),
                firstLine(Command.of("uname", "-r")), System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                firstLine(Command.of("ovs-vswitchd", "--version")), firstLine(Command.of("tshark", "--version")));
    }

    List<String> lines() {
        return List.of(
                String.format(Locale.ROOT, "%d CPUs (%s), %,d MB RAM", cpus, cpuModel, memoryMb).replace(',', ' '),
                os + ", kernel " + kernel,
                java,
                ovs,
                tshark);
    }

    private static String readCpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static long readMemoryMb() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).findFirst().orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String osName() {
        try {
            return Files.readAllLines(Path.of("/etc/os-release")).stream().filter(l -> l.startsWith("PRETTY_NAME="))
                    .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", "")).findFirst().orElse("Linux");
        } catch (IOException e) {
            return "Linux";
        }
    }

    private static String firstLine(Command command) {
        var result = command.run();
        String out = result.stdout().isBlank() ? result.stderr() : result.stdout();
        return out.lines().findFirst().orElse("?").strip();
    }
}
