package io.twinlink.it.mlag;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One switch of the pair as the test configures it: one LACP bundle toward the server with a
 * single member, and the {@code mlag:} section of DESIGN.md, rendered as the agent's YAML.
 *
 * @param peerLinkPort the bridge port that carries data between the switches, when there is one
 */
record SwitchConfig(String bundle, int key, String member, int mlagId, int domainId, String systemMac,
                    String local, String peer, String backup, int priority, int delayRestoreSeconds,
                    Optional<String> peerLinkPort) {

    static final int PEER_LINK_TCP_PORT = 9888;

    SwitchConfig key(int newKey) {
        return new SwitchConfig(bundle, newKey, member, mlagId, domainId, systemMac, local, peer, backup, priority,
                delayRestoreSeconds, peerLinkPort);
    }

    SwitchConfig domainId(int newDomain) {
        return new SwitchConfig(bundle, key, member, mlagId, newDomain, systemMac, local, peer, backup, priority,
                delayRestoreSeconds, peerLinkPort);
    }

    SwitchConfig systemMac(String newMac) {
        return new SwitchConfig(bundle, key, member, mlagId, domainId, newMac, local, peer, backup, priority,
                delayRestoreSeconds, peerLinkPort);
    }

    SwitchConfig peerLinkPort(String port) {
        return new SwitchConfig(bundle, key, member, mlagId, domainId, systemMac, local, peer, backup, priority,
                delayRestoreSeconds, Optional.of(port));
    }

    String yaml(Path socket, Path capture, Path secret) {
        return "control: {socket: " + socket + "}\n"
                + "lacp:\n"
                + "  - {name: " + bundle + ", key: " + key + ", mode: active, rate: fast, members: [" + member
                + "], mlag-id: " + mlagId + "}\n"
                + "mlag:\n"
                + "  domain-id: " + domainId + "\n"
                + "  system-mac: " + systemMac + "\n"
                + "  local: " + local + ":" + PEER_LINK_TCP_PORT + "\n"
                + "  peer: " + peer + ":" + PEER_LINK_TCP_PORT + "\n"
                + "  secret-file: " + secret + "\n"
                + "  backup: " + backup + "\n"
                + "  priority: " + priority + "\n"
                + "  delay-restore: " + delayRestoreSeconds + "\n"
                + peerLinkPort.map(p -> "  peer-link-port: " + p + "\n").orElse("")
                + "dataplane: tc\n"
                + "capture: " + capture + "\n";
    }
}
