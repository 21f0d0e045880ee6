package io.twinlink.it.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.it.harness.BondingVm;
import io.twinlink.it.harness.Command;
import io.twinlink.it.harness.Figures;
import io.twinlink.it.harness.LacpActivity;
import io.twinlink.it.harness.LacpRate;
import io.twinlink.it.harness.LinuxBondStatus;
import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.OvsLacpStatus;
import io.twinlink.it.harness.OvsSwitch;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Baseline with no twinlink involved: the Linux bonding driver (802.3ad, in a qemu guest)
 * against an Open vSwitch LACP bond over two links. Proves the guest and its console
 * reports, and gives the reference time from qemu start to an aggregated bond.
 */
@Tag("qemu")
@Tag("ovs")
class BondingVmToOvsIT {

    @Test
    void linuxBondingGuestAggregatesWithOvs() {
        String namespace;
        try (Netns netns = Netns.create("vm");
             OvsSwitch ovs = OvsSwitch.start(netns)) {
            namespace = netns.name();
            BondingVm.Settings settings = BondingVm.Settings.withAddress("198.18.1.10/24");
            try (BondingVm vm = BondingVm.create(netns, settings)) {
                ovs.addBridge("br0");
                ovs.addBond("br0", "bond0", settings.taps(), LacpActivity.ACTIVE, LacpRate.FAST);
                ovs.addAddress("br0", "198.18.1.1/24");
                String ovsSystemId = ovs.lacpShow("bond0").systemId();

                vm.start();
                BondingVm.BondReport aggregated = vm.awaitBondReport("both slaves aggregated with OVS " + ovsSystemId,
                        status -> status.aggregatedWith(ovsSystemId), Duration.ofSeconds(120));
                Figures.record("bonding-vm-ovs.qemu-start-to-aggregated", vm.sinceStart());
                // Guest clock, boot excluded: bond0 up to the first report showing it aggregated (0.5 s reports).
                Figures.record("bonding-vm-ovs.guest-bond-up-to-aggregated", Duration.ofMillis(
                        Math.round((aggregated.guestUptimeSeconds() - vm.readyUptime().orElseThrow()) * 1000)));
                LinuxBondStatus guest = aggregated.status();

                assertThat(guest.mode()).isEqualTo("IEEE 802.3ad Dynamic link aggregation");
                assertThat(guest.lacpRate()).isEqualTo("fast");
                assertThat(guest.systemMac()).isEqualTo(vm.systemMac());
                assertThat(guest.slaves()).extracting(LinuxBondStatus.Slave::name).containsExactly("eth0", "eth1");
                assertThat(guest.slaves()).allSatisfy(slave -> {
                    assertThat(slave.aggregatorId()).isEqualTo(guest.activeAggregator().id());
                    assertThat(slave.partner().systemMac()).isEqualTo(ovsSystemId);
                });

                OvsLacpStatus lacp = ovs.lacpShow("bond0");
                assertThat(lacp.negotiated()).isTrue();
                assertThat(lacp.members()).allSatisfy(member -> {
                    assertThat(member.currentAttached()).as("%s current attached", member.name()).isTrue();
                    assertThat(member.partnerSystemId()).isEqualTo(vm.systemMac());
                });

                assertThat(netns.ping("198.18.1.10", 3, Duration.ofSeconds(2))).as("ping the guest's bond0").isTrue();
            }
            assertThat(netns.links()).extracting(l -> l.name()).doesNotContainAnyElementsOf(settings.taps());
        }
        assertThat(Command.of("ip", "netns", "list").check().stdout()).doesNotContain(namespace);
    }
}
