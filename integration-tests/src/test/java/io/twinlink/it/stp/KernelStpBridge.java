package io.twinlink.it.stp;

import io.twinlink.it.harness.Netns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Linux bridge running the kernel's own 802.1D-1998 STP ({@code stp_state 1}; in a
 * namespace other than the initial one the kernel never hands STP to a user-space helper).
 * State comes from sysfs in one read per poll.
 */
final class KernelStpBridge implements SpanningTreeBridge {

    private final Netns netns;
    private final List<String> ports;

    private KernelStpBridge(Netns netns, List<String> ports) {
        this.netns = netns;
        this.ports = List.copyOf(ports);
    }

    /** Creates {@value #DEVICE} with {@code ports} (existing, down) as members, everything up. */
    static KernelStpBridge create(Netns netns, int priority, String mac, StpTimers timers, List<String> ports) {
        // iproute2 takes the bridge timers in centiseconds.
        netns.exec("ip", "link", "add", DEVICE, "address", mac, "type", "bridge", "stp_state", "1",
                "priority", String.valueOf(priority),
                "hello_time", String.valueOf(timers.helloTime() * 100),
                "max_age", String.valueOf(timers.maxAge() * 100),
                "forward_delay", String.valueOf(timers.forwardDelay() * 100));
        for (String port : ports) {
            netns.exec("ip", "link", "set", port, "master", DEVICE);
            netns.linkUp(port);
        }
        netns.linkUp(DEVICE);
        return new KernelStpBridge(netns, ports);
    }

    @Override
    public String kind() {
        return "kernel";
    }

    @Override
    public Netns netns() {
        return netns;
    }

    /** A new bridge priority, as an operator would set it ({@code ip link set BR type bridge priority N}). */
    void setPriority(int priority) {
        netns.exec("ip", "link", "set", DEVICE, "type", "bridge", "priority", String.valueOf(priority));
    }

    @Override
    public BridgeStatus status() {
        Map<String, String> sysfs = readSysfs();
        BridgeIdentifier bridgeId = BridgeIdentifier.ofKernel(sysfs.get("bridge/bridge_id"));
        int rootPort = Integer.parseInt(sysfs.get("bridge/root_port"));
        List<BridgePort> out = new ArrayList<>();
        for (String port : ports) {
            String dir = "brif/" + port + "/";
            if (!sysfs.containsKey(dir + "state")) {
                continue; // no longer a member
            }
            PortState state = PortState.ofKernelNumber(Integer.parseInt(sysfs.get(dir + "state")));
            int number = Integer.decode(sysfs.get(dir + "port_no"));
            boolean designated = BridgeIdentifier.ofKernel(sysfs.get(dir + "designated_bridge")).equals(bridgeId)
                    && Integer.parseInt(sysfs.get(dir + "designated_port")) == Integer.decode(sysfs.get(dir + "port_id"));
            String role = sysfs.get(dir + "state").equals("0") ? "disabled"
                    : number == rootPort ? "root" : designated ? "designated" : "alternate";
            out.add(new BridgePort(port, role, state));
        }
        return new BridgeStatus(kind() + " in " + netns.name(), bridgeId,
                BridgeIdentifier.ofKernel(sysfs.get("bridge/root_id")), out);
    }

    @Override
    public void close() {
        // nothing runs outside the kernel; the bridge goes with its namespace
    }

    @Override
    public String toString() {
        return "kernel 802.1D bridge in " + netns.name();
    }

    /** Every file of interest as {@code relative/path -> value}, from one process. */
    private Map<String, String> readSysfs() {
        String out = netns.exec("sh", "-c", "cd /sys/class/net/" + DEVICE + " && grep -H . bridge/root_id "
                + "bridge/bridge_id bridge/root_port brif/*/port_no brif/*/port_id brif/*/designated_bridge "
                + "brif/*/designated_port brif/*/state").stdout();
        Map<String, String> values = new HashMap<>();
        for (String line : out.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                values.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return values;
    }
}
