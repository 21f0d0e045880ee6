package io.twinlink.agent.dataplane;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Runs an nftables script through {@code nft -f -}, atomically as nft applies a file. The
 * bridge-family rules twinlink needs (BPDU filter, MC-LAG split horizon) are few and change
 * rarely, so the command line is the right tool; its error text is passed on in one line.
 */
public final class Nftables {

    private static final long TIMEOUT_SECONDS = 10;

    private Nftables() {
    }

    public static void run(String script) throws IOException {
        Process p = new ProcessBuilder("nft", "-f", "-").redirectErrorStream(true).start();
        p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
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
    }
}
