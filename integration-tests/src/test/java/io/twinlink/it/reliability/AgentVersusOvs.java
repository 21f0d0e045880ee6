package io.twinlink.it.reliability;

import io.twinlink.it.harness.LacpActivity;
import io.twinlink.it.harness.LacpRate;
import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.OvsBondStatus;
import io.twinlink.it.harness.OvsSwitch;
import io.twinlink.it.harness.TestRun;
import java.nio.file.Path;
import java.util.List;

/**
 * The reliability tests' bench: the agent's namespace with members a1, a2 cabled (veth) to
 * p1, p2 in a second namespace where a private Open vSwitch bonds them with fast active LACP
 * (bond0 on bridge br0). The agent's configuration is the test's; the partner is real.
 *
 * <pre>
 *   [agent ns]  a1 ──── p1  [ovs ns: br0 / bond0, lacp=active, lacp-time=fast]
 *               a2 ──── p2
 * </pre>
 */
final class AgentVersusOvs implements AutoCloseable {

    static final List<String> MEMBERS = List.of("a1", "a2");
    static final List<String> OVS_MEMBERS = List.of("p1", "p2");

    final Netns agentNs;
    final Netns ovsNs;
    final OvsSwitch ovs;
    final Path work;
    final Path runtime;

    private AgentVersusOvs(Netns agentNs, Netns ovsNs, OvsSwitch ovs, Path work, Path runtime) {
        this.agentNs = agentNs;
        this.ovsNs = ovsNs;
        this.ovs = ovs;
        this.work = work;
        this.runtime = runtime;
    }

    static AgentVersusOvs create(String label) {
        Netns agentNs = Netns.create(label + "a");
        Netns ovsNs = null;
        OvsSwitch ovs = null;
        try {
            ovsNs = Netns.create(label + "o");
            for (int i = 0; i < MEMBERS.size(); i++) {
                agentNs.veth(MEMBERS.get(i), ovsNs, OVS_MEMBERS.get(i));
            }
            ovs = OvsSwitch.start(ovsNs);
            ovs.addBridge("br0");
            ovs.addBond("br0", "bond0", OVS_MEMBERS, LacpActivity.ACTIVE, LacpRate.FAST);
            OVS_MEMBERS.forEach(ovsNs::linkUp);
            return new AgentVersusOvs(agentNs, ovsNs, ovs, TestRun.current().workDir("reliability-" + label),
                    TestRun.current().runtimeDir("reliability-" + label));
        } catch (RuntimeException e) {
            if (ovs != null) {
                ovs.close();
            }
            if (ovsNs != null) {
                ovsNs.close();
            }
            agentNs.close();
            throw e;
        }
    }

    /** OVS has negotiated LACP and enabled both members. */
    boolean ovsAggregated() {
        OvsBondStatus bond = ovs.bondShow("bond0");
        return bond.negotiated() && bond.enabledMembers().containsAll(OVS_MEMBERS);
    }

    List<String> ovsEnabledMembers() {
        return ovs.bondShow("bond0").enabledMembers();
    }

    /** A tc-data-plane bundle of a1, a2 with fast LACP; {@code extra} is appended to the YAML. */
    String config(Path socket, String extra) {
        return """
                system: {priority: 32768, mac: 02:00:00:00:00:01}
                control: {socket: %s}
                lacp:
                  - {name: bond10, key: 10, mode: active, rate: fast, members: [a1, a2]}
                dataplane: tc
                %s""".formatted(socket, extra);
    }

    @Override
    public void close() {
        try {
            ovs.close();
        } finally {
            try {
                ovsNs.close();
            } finally {
                agentNs.close();
            }
        }
    }
}
