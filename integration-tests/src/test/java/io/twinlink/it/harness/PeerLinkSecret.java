package io.twinlink.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The shared secret of an MC-LAG pair's peer-link, as an operator makes it (bin/demo, vagrant: lab.sh new-secret). */
public final class PeerLinkSecret {

    private PeerLinkSecret() {
    }

    /** A fresh 256-bit secret in this run's runtime directory, readable by root only: the agent refuses any other mode. */
    public static Path create() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Path file = TestRun.current().runtimeDir("mlag-secrets").resolve("peer-" + System.nanoTime() + ".key");
        try {
            Files.writeString(file, Base64.getEncoder().encodeToString(secret) + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }
}
