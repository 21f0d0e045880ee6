package io.twinlink.it.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * Cables a test can plug and unplug at both ends at once. A veth end only has carrier while
 * its peer is up, and an agent brings its own members up when it starts: so two peers joined
 * by one veth pair cannot both start with their links down. Here each cable is two veth pairs
 * whose inner ends meet in a namespace of their own, joined back to back by tc {@code mirred}
 * (every frame, Slow Protocols included, passes unchanged: no bridge that would filter
 * 01:80:c2:00:00:02). Plugging sets the inner ends up in one {@code ip -batch}, so both outer
 * ends get carrier within microseconds of each other.
 */
public final class PatchPanel implements AutoCloseable {

    private final Netns panel;
    private final List<String[]> cables = new ArrayList<>();

    private PatchPanel(Netns panel) {
        this.panel = panel;
    }

    public static PatchPanel create() {
        return new PatchPanel(Netns.create("patch"));
    }

    /** A cable from {@code aName} in {@code a} to {@code bName} in {@code b}, unplugged; returns its number. */
    public int connect(Netns a, String aName, Netns b, String bName) {
        int n = cables.size();
        String inA = "c" + n + "a";
        String inB = "c" + n + "b";
        a.veth(aName, panel, inA);
        b.veth(bName, panel, inB);
        Command.of("tc", "-n", panel.name(), "-batch", "-").input(String.join("\n",
                "qdisc add dev " + inA + " ingress",
                "qdisc add dev " + inB + " ingress",
                "filter add dev " + inA + " parent ffff: protocol all u32 match u32 0 0 action mirred egress redirect dev " + inB,
                "filter add dev " + inB + " parent ffff: protocol all u32 match u32 0 0 action mirred egress redirect dev " + inA,
                "")).check();
        cables.add(new String[] {inA, inB});
        return n;
    }

    /** Plugs every cable: all outer ends get carrier together (if they are up themselves). */
    public void plugAll() {
        setAll("up");
    }

    /** Unplugs every cable: all outer ends lose carrier together. */
    public void unplugAll() {
        setAll("down");
    }

    private void setAll(String state) {
        StringBuilder batch = new StringBuilder();
        for (String[] cable : cables) {
            for (String end : cable) {
                batch.append("link set ").append(end).append(' ').append(state).append('\n');
            }
        }
        Command.of("ip", "-n", panel.name(), "-batch", "-").input(batch.toString()).check();
    }

    @Override
    public void close() {
        panel.close();
    }

    @Override
    public String toString() {
        return "patch panel " + panel.name();
    }
}
