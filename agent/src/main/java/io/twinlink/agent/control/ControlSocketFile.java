package io.twinlink.agent.control;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.Set;

/**
 * The control socket's file: root-only from the first instant, a stale one from a crashed
 * agent replaced, a live one left alone, and removed again on close (only if it is still ours).
 */
final class ControlSocketFile implements AutoCloseable {

    static final Set<PosixFilePermission> SOCKET_MODE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Path path;
    private final ServerSocketChannel channel;
    private final Object fileKey;

    private ControlSocketFile(Path path, ServerSocketChannel channel, Object fileKey) {
        this.path = path;
        this.channel = channel;
        this.fileKey = fileKey;
    }

    /**
     * Binds a listening socket at {@code path} with mode 0600.
     *
     * <p>bind(2) creates the file with the process umask, and Java cannot set a mode at bind
     * time; chmod afterwards leaves a window in which anyone could connect. So the socket is
     * bound inside a fresh 0700 directory beside the target, chmod-ed there, and renamed onto
     * the target: rename(2) is atomic and replaces a stale socket in the same step.
     */
    static ControlSocketFile bind(Path path) throws IOException {
        Path target = path.toAbsolutePath().normalize();
        Path dir = Objects.requireNonNull(target.getParent(), "socket path has no directory");
        createDirectories(dir);
        refuseIfInUse(target);
        Path privateDir = Files.createTempDirectory(dir, ".tl"); // 0700 by the JDK's contract
        Path staging = privateDir.resolve("s");
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(staging));
            Files.setPosixFilePermissions(staging, SOCKET_MODE);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            Object key = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return new ControlSocketFile(target, channel, key);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(staging);
            throw e;
        } finally {
            Files.deleteIfExists(privateDir);
        }
    }

    /** Missing directories are made 0755 (whatever the umask): clients must reach the socket. */
    private static void createDirectories(Path dir) throws IOException {
        Deque<Path> missing = new ArrayDeque<>();
        for (Path d = dir; d != null && !Files.exists(d); d = d.getParent()) {
            missing.push(d);
        }
        for (Path d : missing) {
            try {
                Files.createDirectory(d);
                Files.setPosixFilePermissions(d, DIRECTORY_MODE);
            } catch (FileAlreadyExistsException raced) {
                // someone made it meanwhile: fine, as long as it is a directory (checked below)
            }
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory");
        }
    }

    /** A file that is not a socket is someone else's; a socket that answers is another agent. */
    static void refuseIfInUse(Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int mode = (Integer) Files.getAttribute(target, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IOException(target + " exists and is not a socket; refusing to replace it");
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(target))) {
            throw new IOException("another agent is already listening on " + target);
        } catch (ConnectException stale) {
            // nobody listens: a leftover of an agent that did not stop cleanly, replaced by bind()
        }
    }

    Path path() {
        return path;
    }

    ServerSocketChannel channel() {
        return channel;
    }

    /** Closes the socket and deletes the file unless another agent has since replaced it. */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            try {
                BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (Objects.equals(now.fileKey(), fileKey)) {
                    Files.deleteIfExists(path);
                }
            } catch (java.nio.file.NoSuchFileException gone) {
                // already removed by someone else: nothing to do
            }
        }
    }
}
