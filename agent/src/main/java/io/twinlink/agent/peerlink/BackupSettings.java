package io.twinlink.agent.peerlink;

import io.twinlink.agent.config.MlagConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The backup keepalive path: where this node listens ({@code bind}) and where its peer
 * listens ({@code target}).
 */
public record BackupSettings(InetSocketAddress bind, InetSocketAddress target, SharedSecret secret) {

    public BackupSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(secret, "secret");
    }

    /**
     * From the {@code mlag:} section, when it has a {@code backup} address: UDP on the
     * peer-link's port numbers (UDP and TCP ports are separate), listening on every address
     * because the backup path is another network than the peer-link's (the kernel picks the
     * source address by route), sending to {@code backup} on the peer's port.
     */
    public static BackupSettings from(MlagConfig config, SharedSecret secret) throws IOException {
        InetAddress backup = config.backup().orElseThrow(() -> new IOException("mlag.backup is not configured"));
        InetAddress any = InetAddress.getByAddress(new byte[backup.getAddress().length]);
        return new BackupSettings(new InetSocketAddress(any, config.local().port()),
                new InetSocketAddress(backup, config.peer().port()), secret);
    }
}
