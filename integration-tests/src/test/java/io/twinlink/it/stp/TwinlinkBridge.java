package io.twinlink.it.stp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.twinlink.agent.control.StpSnapshot;
import io.twinlink.it.harness.Netns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * twinlink running spanning tree on a Linux bridge with kernel STP off ({@code stp_state 0}),
 * as DESIGN.md "Data planes" describes: the agent decides, the bridge's port states follow.
 */
final class TwinlinkBridge implements SpanningTreeBridge {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Netns netns;
    private final StpAgent agent;

    private TwinlinkBridge(Netns netns, StpAgent agent) {
        this.netns = netns;
        this.agent = agent;
    }

    /**
     * Creates {@value #DEVICE} with {@code ports} as members and starts the agent on it. The
     * ports stay down until the agent brings them up: a bridge without STP forwards on every
     * port that is up, and a ring of those loops before any agent runs.
     *
     * @param stpSettings further lines of the {@code stp:} section, e.g. {@code mode: stp}
     * @param portSettings per port, the YAML flow mapping of its settings ({@code {}} for none)
     */
    static TwinlinkBridge create(Netns netns, int priority, String mac, StpTimers timers, List<String> stpSettings,
                                 Map<String, String> portSettings) {
        netns.exec("ip", "link", "add", DEVICE, "address", mac, "type", "bridge", "stp_state", "0");
        for (String port : portSettings.keySet()) {
            netns.exec("ip", "link", "set", port, "master", DEVICE);
        }
        netns.linkUp(DEVICE);
        StringBuilder yaml = new StringBuilder("stp:\n")
                .append("  bridge: ").append(DEVICE).append('\n')
                .append("  priority: ").append(priority).append('\n')
                .append("  hello-time: ").append(timers.helloTime()).append('\n')
                .append("  max-age: ").append(timers.maxAge()).append('\n')
                .append("  forward-delay: ").append(timers.forwardDelay()).append('\n');
        stpSettings.forEach(line -> yaml.append("  ").append(line).append('\n'));
        yaml.append("  ports:\n");
        portSettings.forEach((port, settings) -> yaml.append("    ").append(port).append(": ").append(settings).append('\n'));
        return new TwinlinkBridge(netns, StpAgent.start(netns, yaml.toString()));
    }

    /** Same settings on every port. */
    static TwinlinkBridge create(Netns netns, int priority, String mac, StpTimers timers, List<String> stpSettings,
                                 List<String> ports) {
        Map<String, String> portSettings = new LinkedHashMap<>();
        ports.forEach(p -> portSettings.put(p, "{}"));
        return create(netns, priority, mac, timers, stpSettings, portSettings);
    }

    StpAgent agent() {
        return agent;
    }

    @Override
    public String kind() {
        return "twinlink";
    }

    @Override
    public Netns netns() {
        return netns;
    }

    StpSnapshot snapshot() {
        return agent.stp();
    }

    @Override
    public BridgeStatus status() {
        StpSnapshot s = agent.stp();
        return new BridgeStatus(kind() + " in " + netns.name(), BridgeIdentifier.of(s.bridgeId()),
                BridgeIdentifier.of(s.rootId()), s.ports().stream()
                        .map(p -> new BridgePort(p.name(), p.role(), PortState.ofWord(p.state()))).toList());
    }

    /**
     * The Linux bridge's own state of each port ({@code bridge -j link show}). With kernel STP
     * off only disabled and forwarding exist, so discarding and learning both read as
     * disabled (DESIGN.md), which {@link PortState#ofWord} makes discarding.
     */
    @Override
    public Map<String, PortState> dataplaneStates() {
        Map<String, PortState> states = new LinkedHashMap<>();
        String out = netns.exec("bridge", "-j", "link", "show").stdout();
        try {
            for (JsonNode port : JSON.readTree(out.isBlank() ? "[]" : out)) {
                if (DEVICE.equals(port.path("master").asText())) {
                    states.put(port.path("ifname").asText(), PortState.ofWord(port.path("state").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse `bridge -j link show`: " + out, e);
        }
        return states;
    }

    @Override
    public void close() {
        agent.close();
    }

    @Override
    public String toString() {
        return agent.toString();
    }
}
