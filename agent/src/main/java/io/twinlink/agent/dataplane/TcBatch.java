package io.twinlink.agent.dataplane;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code tc -batch -}: all commands of one change in one process, stopping at the first
 * failure, which is reported as that command and tc's own words for it.
 */
final class TcBatch {

    private static final Pattern FAILED_LINE = Pattern.compile("Command failed -:(\\d+)");
    private static final long TIMEOUT_SECONDS = 30;

    private final String tc;

    TcBatch(String tc) {
        this.tc = tc;
    }

    /** Runs every command; fails on the first one tc refuses. */
    void run(List<String> commands) throws DataplaneException {
        Result r = execute(commands, false);
        if (r.exit != 0) {
            throw new DataplaneException(describe(commands, r.output));
        }
    }

    /** Runs one command that prints (a {@code show}); its output, or tc's reason as the exception. */
    String query(String command) throws DataplaneException {
        Result r = execute(List.of(command), false);
        if (r.exit != 0) {
            throw new DataplaneException(describe(List.of(command), r.output));
        }
        return r.output;
    }

    /** Runs every command even if some fail ({@code -force}); returns tc's complaints, if any. */
    List<String> runAll(List<String> commands) throws DataplaneException {
        Result r = execute(commands, true);
        List<String> problems = new ArrayList<>();
        if (r.exit != 0) {
            for (String line : r.output.split("\n")) {
                if (!line.isBlank() && !line.startsWith("Command failed") && !line.startsWith("We have an error talking")) {
                    problems.add(line.strip());
                }
            }
        }
        return problems;
    }

    private Result execute(List<String> commands, boolean force) throws DataplaneException {
        List<String> argv = new ArrayList<>(List.of(tc));
        if (force) {
            argv.add("-force");
        }
        argv.addAll(List.of("-batch", "-"));
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new DataplaneException("cannot run " + tc + " (is iproute2 installed?): " + e.getMessage());
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // tc stopped reading: it failed early, its output says why
        }
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new DataplaneException(tc + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new DataplaneException("cannot read the output of " + tc + ": " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DataplaneException(tc + " interrupted");
        }
    }

    /** "tc filter add dev eth1 ...: Error: Exclusivity flag on, cannot modify." */
    static String describe(List<String> commands, String output) {
        StringBuilder reason = new StringBuilder();
        String command = null;
        for (String line : output.split("\n")) {
            Matcher m = FAILED_LINE.matcher(line);
            if (m.find()) {
                int n = Integer.parseInt(m.group(1));
                if (n >= 1 && n <= commands.size()) {
                    command = commands.get(n - 1);
                }
            } else if (!line.isBlank() && !line.startsWith("We have an error talking")) {
                reason.append(reason.length() == 0 ? "" : "; ").append(line.strip());
            }
        }
        String what = command == null ? "tc -batch" : "tc " + command;
        return what + ": " + (reason.length() == 0 ? "failed" : reason);
    }

    private record Result(int exit, String output) {
    }
}
