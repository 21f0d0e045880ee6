package io.twinlink.agent.config;

import io.twinlink.wire.MacAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Reads the {@code mlag:} section: one agent's half of an MC-LAG pair. */
final class MlagSection {

    static final String[] KEYS = {
        "domain-id", "system-mac", "local", "peer", "secret-file", "backup", "priority", "delay-restore",
        "peer-link-port"
    };
    /** Longer than any sane MAC-learning or routing convergence, short of looking hung. */
    private static final int MAX_DELAY_RESTORE_SECONDS = 3600;

    private static final HostPort PLACEHOLDER_ENDPOINT = new HostPort("placeholder", 0);

    private final Path baseDir;

    MlagSection(Path baseDir) {
        this.baseDir = baseDir;
    }

    Optional<MlagConfig> read(ConfigNode mlag) {
        if (!mlag.mapping(KEYS)) {
            return Optional.empty();
        }
        int domainId = mlag.field("domain-id").requiredInteger(1, 65535);
        MacAddress systemMac = required(mlag.field("system-mac"), "the shared virtual system MAC")
                .flatMap(n -> n.parsed(SystemConfig::parseSystemMac)).orElse(MacAddress.ZERO);
        HostPort local = required(mlag.field("local"), "address:port this agent listens on for its peer")
                .flatMap(n -> n.parsed(HostPort::parse)).orElse(PLACEHOLDER_ENDPOINT);
        HostPort peer = required(mlag.field("peer"), "the peer's address:port")
                .flatMap(n -> n.parsed(HostPort::parse)).orElse(PLACEHOLDER_ENDPOINT);
        if (local != PLACEHOLDER_ENDPOINT && local.equals(peer)) {
            mlag.field("peer").problem("is the same as mlag.local (" + local + ")");
        }
        Path secret = required(mlag.field("secret-file"), "file holding the peer-link's shared secret")
                .flatMap(n -> n.text().map(t -> checkSecret(n, baseDir.resolve(t).normalize())))
                .orElse(Path.of(""));
        Optional<InetAddress> backup = mlag.field("backup").parsed(HostPort::parseAddress);
        int priority = mlag.field("priority").integer(0, 65535, MlagConfig.DEFAULT_PRIORITY);
        Duration delayRestore = mlag.field("delay-restore").seconds(MAX_DELAY_RESTORE_SECONDS,
                MlagConfig.DEFAULT_DELAY_RESTORE);
        Optional<String> peerLinkPort = mlag.field("peer-link-port").present()
                ? mlag.field("peer-link-port").interfaceName() : Optional.empty();
        return Optional.of(new MlagConfig(domainId, systemMac, local, peer, secret, backup, priority, delayRestore,
                peerLinkPort));
    }

    /** The peer-link cannot authenticate without the secret, so a missing one is a config error. */
    private static Path checkSecret(ConfigNode node, Path file) {
        if (!Files.exists(file)) {
            node.problem(file + " does not exist");
        } else if (!Files.isRegularFile(file)) {
            node.problem(file + " is not a regular file");
        } else if (!Files.isReadable(file)) {
            node.problem(file + " is not readable");
        } else {
            try {
                String unsafe = SecretFileMode.problem(file);
                if (Files.size(file) == 0) {
                    node.problem(file + " is empty");
                } else if (unsafe != null) {
                    node.problem(file + " is " + unsafe);
                }
            } catch (IOException e) {
                node.problem(file + " cannot be read: " + e.getMessage());
            }
        }
        return file;
    }

    private static Optional<ConfigNode> required(ConfigNode node, String what) {
        if (!node.present()) {
            node.problem("required (" + what + ")");
            return Optional.empty();
        }
        return Optional.of(node);
    }
}
