package io.twinlink.agent.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Who may read or change the peer-link's secret file. Whoever reads it can join the MC-LAG
 * pair (or take a peer's place), whoever writes it can cut the pair apart, so, as ssh does
 * with private keys, the agent refuses a secret that other users can read or write, or that
 * its group can write. Group read stays allowed (an unprivileged agent user in the file's
 * group).
 */
public final class SecretFileMode {

    private static final Set<PosixFilePermission> FORBIDDEN = Set.of(PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.GROUP_WRITE);

    private SecretFileMode() {
    }

    /** Why the file's mode is unsafe ("readable by other users (mode rw-r--r--): chmod 600 it"), or null if it is not. */
    public static String problem(Path file) throws IOException {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            return null; // not a POSIX file system: nothing to check
        }
        boolean othersRead = mode.contains(PosixFilePermission.OTHERS_READ);
        boolean anyForbidden = mode.stream().anyMatch(FORBIDDEN::contains);
        if (!anyForbidden) {
            return null;
        }
        String who = othersRead ? "readable by other users" : "writable by other users or its group";
        return who + " (mode " + PosixFilePermissions.toString(mode) + "): chmod 600 it";
    }
}
