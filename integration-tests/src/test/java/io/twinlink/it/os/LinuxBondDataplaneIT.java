package io.twinlink.it.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.twinlink.agent.dataplane.Aggregate;
import io.twinlink.agent.dataplane.DataplaneException;
import io.twinlink.agent.dataplane.LinuxBondDataplane;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The linux-bond data plane. Kernels without the bonding driver (this project's build machine)
 * must get a one-line refusal and nothing left behind; kernels with it get a real bond.
 */
class LinuxBondDataplaneIT {

    private Netns ns;
    private LinuxBondDataplane dataplane;
    private boolean kernelHasBonding;

    @BeforeEach
    void twoMembers() throws Exception {
        ns = Netns.create("bond");
        for (int i = 1; i <= 2; i++) {
            ns.exec("ip", "link", "add", "name", "m" + i, "type", "veth", "peer", "name", "p" + i);
            ns.exec("ip", "link", "set", "m" + i, "up");
            ns.exec("ip", "link", "set", "p" + i, "up");
        }
        try {
            ns.exec("ip", "link", "add", "name", "probe0", "type", "bond");
            ns.exec("ip", "link", "del", "probe0");
            kernelHasBonding = true;
        } catch (IOException e) {
            kernelHasBonding = false;
        }
        dataplane = new LinuxBondDataplane();
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            ns.call(() -> {
                dataplane.close();
                return null;
            });
        } finally {
            ns.close();
        }
    }

    @Test
    void withoutTheBondingDriverCreationFailsInOneLine() throws Exception {
        assumeFalse(kernelHasBonding, "this kernel has the bonding driver");
        assertThatThrownBy(() -> ns.call(() -> dataplane.createAggregate("bond0", List.of("m1", "m2"))))
                .isInstanceOf(DataplaneException.class)
                .hasMessage("linux-bond dataplane: the kernel has no bonding driver (creating bond0: Unknown device type"
                        + " (Operation not supported)); load it with \"modprobe bonding\" or use \"dataplane: tc\"");
        String links = ns.exec("ip", "-o", "link", "show");
        assertThat(links).doesNotContain("bond0");
        assertThat(links).contains("m1@p1: <BROADCAST,MULTICAST,UP,LOWER_UP>").doesNotContain("master");
    }

    @Test
    void missingMemberIsRefusedBeforeAnythingIsCreated() throws Exception {
        assertThatThrownBy(() -> ns.call(() -> dataplane.createAggregate("bond0", List.of("m1", "m9"))))
                .isInstanceOf(DataplaneException.class)
                .hasMessage("aggregate bond0: member m9: no such interface");
        assertThat(ns.exec("ip", "-o", "link", "show")).doesNotContain("bond0");
    }

    @Test
    void withTheBondingDriverMembersAreEnslavedWhileCollectingAndDistributing() throws Exception {
        assumeTrue(kernelHasBonding, "this kernel has no bonding driver");
        Aggregate bond = ns.call(() -> dataplane.createAggregate("bond0", List.of("m1", "m2")));
        String details = ns.exec("ip", "-d", "link", "show", "bond0");
        assertThat(details).contains("mode balance-xor").contains("xmit_hash_policy layer3+4").contains("miimon 100");

        ns.call(() -> {
            bond.setCollectingDistributing("m1", true);
            return null;
        });
        assertThat(ns.exec("ip", "-o", "link", "show", "m1")).contains("master bond0");
        ns.call(() -> {
            bond.setDistributing("m1", false);
            return null;
        });
        assertThat(ns.exec("ip", "-o", "link", "show", "m1")).doesNotContain("master").contains(",UP");

        ns.call(() -> {
            dataplane.close();
            return null;
        });
        assertThat(ns.exec("ip", "-o", "link", "show")).doesNotContain("bond0");
    }
}
