package io.twinlink.agent.dataplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs an nftables script through {@code nft -f -}, atomically as nft applies a file. The
 * bridge-family rules twinlink needs (BPDU filter, MC-LAG split horizon) are few and change
 * rarely, so the command line is the right tool; its error text is passed on in one line.
 */
public final class Nftables {

    private static final long TIMEOUT_SECONDS = 10;
    /** Every nftables table twinlink makes is named so, and no other is ever touched. */
    public static final String TABLE_PREFIX = "twinlink_";

    private Nftables() {
    }

    public static void run(String script) throws IOException {
        nft(script, "-f", "-");
    }

    /**
     * The statement that marks a table as made by this process ({@code comment "twinlink pid=N"}),
     * to put first in its {@code add table} block: {@code add table bridge T { ... }}.
     */
    public static String tableMark() {
        return "comment \"" + AggregateMark.tableComment() + "\";";
    }

    /**
     * Removes table {@code name} of {@code family} if it exists and was left by a twinlink that
     * did not stop cleanly: every twinlink table is named {@code twinlink_...} and carries the
     * maker's pid ({@link #tableMark}). A table whose maker still runs is another agent's: that
     * is refused. Returns whether there was a leftover.
     */
    public static boolean removeLeftoverTable(String family, String name) throws IOException {
        if (!name.startsWith(TABLE_PREFIX)) {
            throw new IllegalArgumentException(name + " is not a twinlink table");
        }
        boolean present = nft("", "list", "tables", family).lines().anyMatch(l -> l.strip().equals("table " + family + " " + name));
        if (!present) {
            return false;
        }
        Optional<Long> pid = AggregateMark.pidOfTable(nft("", "list", "table", family, name));
        if (pid.isPresent() && AggregateMark.isRunning(pid.get())) {
            throw new IOException("nftables table " + family + " " + name + " belongs to a twinlink that is running (pid "
                    + pid.get() + ")");
        }
        run("delete table " + family + " " + name + "\n");
        return true;
    }

    private static String nft(String input, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of("nft"));
        argv.addAll(List.of(args));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("nft did not finish in " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running nft");
        }
        if (p.exitValue() != 0) {
            throw new IOException("nft: " + out.replace('\n', ' '));
        }
        return out;
    }
}
