package io.twinlink.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of one process, from /proc/PID/stat (utime + stime, fields 14
 * and 15, in clock ticks) and /proc/PID/status (VmRSS, VmHWM). The process must be one this
 * run started.
 */
final class ProcessUsage {

    /** USER_HZ: what /proc counts CPU time in (100 on every Linux this runs on). */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long pid;

    ProcessUsage(long pid) {
        this.pid = pid;
    }

    /** CPU seconds used so far, user and system. */
    double cpuSeconds() {
        String stat = read("stat");
        // the command name (field 2) may hold spaces: count fields after its closing parenthesis
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(f[11]);
        long stime = Long.parseLong(f[12]);
        return (utime + stime) / TICKS_PER_SECOND;
    }

    double rssMegabytes() {
        return statusKilobytes("VmRSS:") / 1024.0;
    }

    /** The resident set's high-water mark since the process started. */
    double peakRssMegabytes() {
        return statusKilobytes("VmHWM:") / 1024.0;
    }

    int threads() {
        return (int) statusKilobytes("Threads:");
    }

    private long statusKilobytes(String key) {
        for (String line : read("status").split("\n")) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no " + key + " in /proc/" + pid + "/status");
    }

    private String read(String file) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), file));
        } catch (IOException e) {
            throw new UncheckedIOException("process " + pid + " is gone (" + e.getMessage() + ")", e);
        }
    }
}
