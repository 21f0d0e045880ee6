package io.twinlink.it.lacp;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.it.harness.BondingVm;
import io.twinlink.it.harness.CapturedLacpdu;
import io.twinlink.it.harness.Command;
import io.twinlink.it.harness.Figures;
import io.twinlink.it.harness.LacpActivity;
import io.twinlink.it.harness.LacpRate;
import io.twinlink.it.harness.LinuxBondStatus;
import io.twinlink.it.harness.Netns;
import io.twinlink.it.harness.Tshark;
import io.twinlink.it.harness.TwinlinkAgent;
import io.twinlink.it.harness.TwinlinkConfig;
import io.twinlink.it.harness.TwinlinkLacpStatus;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * twinlink (tc data plane) on the two taps of a qemu guest whose Linux kernel runs a bond in
 * mode 802.3ad: the bonding driver's own report (/proc/net/bonding/bond0, printed by the
 * guest to its console) must show twinlink as partner, both slaves in one aggregator with
 * actor and partner state 63, and traffic from the guest's bond0 must reach the agent's
 * aggregate.
 */
@Tag("qemu")
@Tag("twinlink")
class TwinlinkToBondingVmLacpIT {

    private static final String SYSTEM_MAC = "02:00:00:00:30:01";
    private static final String AGENT_IP = "198.18.30.1";
    private static final String GUEST_IP = "198.18.30.10";
    private static final int KEY = 30;
    /** activity, timeout (fast), aggregation, synchronization, collecting, distributing [802.1AX-2020 6.4.2.3] */
    private static final int ALL_IN = 63;

    @Test
    void linuxBondingGuestAggregatesWithTwinlink() {
        String namespace;
        try (Netns netns = Netns.create("tlvm")) {
            namespace = netns.name();
            BondingVm.Settings settings = BondingVm.Settings.withAddress(GUEST_IP + "/24");
            try (BondingVm vm = BondingVm.create(netns, settings);
                 TwinlinkAgent agent = TwinlinkAgent.start(netns, TwinlinkConfig.tc(SYSTEM_MAC,
                         new TwinlinkConfig.Bundle("bond0", KEY, LacpActivity.ACTIVE, LacpRate.FAST, settings.taps())))) {
                netns.addAddress("bond0", AGENT_IP + "/24");

                vm.start();
                BondingVm.BondReport aggregated = vm.awaitBondReport("both slaves aggregated with twinlink " + SYSTEM_MAC,
                        status -> status.aggregatedWith(SYSTEM_MAC), Duration.ofSeconds(120));
                Figures.record("twinlink-bonding-vm.qemu-start-to-aggregated", vm.sinceStart());
                Figures.record("twinlink-bonding-vm.guest-bond-up-to-aggregated", Duration.ofMillis(
                        Math.round((aggregated.guestUptimeSeconds() - vm.readyUptime().orElseThrow()) * 1000)));
                // the guest's report may be fresher than the LACPDU that carries its news to twinlink
                Awaitility.await("twinlink collecting/distributing on both taps, the guest all in as partner")
                        .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                        .until(() -> agent.allCollectingDistributing() && agent.lacp().aggregator("bond0").members()
                                .stream().allMatch(m -> m.partner().state() == ALL_IN));

                // The guest's bonding driver, in its own words
                LinuxBondStatus guest = vm.bondStatus().orElseThrow();
                assertThat(guest.mode()).isEqualTo("IEEE 802.3ad Dynamic link aggregation");
                assertThat(guest.systemMac()).isEqualTo(vm.systemMac());
                assertThat(guest.activeAggregator().partnerMac()).as("guest: aggregator's partner").isEqualTo(SYSTEM_MAC);
                assertThat(guest.activeAggregator().numberOfPorts()).isEqualTo(2);
                assertThat(guest.activeAggregator().partnerKey()).isEqualTo(KEY);
                assertThat(guest.slaves()).extracting(LinuxBondStatus.Slave::name).containsExactly("eth0", "eth1");
                assertThat(guest.slaves()).allSatisfy(slave -> {
                    assertThat(slave.aggregatorId()).as("%s in the one aggregator", slave.name())
                            .isEqualTo(guest.activeAggregator().id());
                    assertThat(slave.partner().systemMac()).as("%s partner", slave.name()).isEqualTo(SYSTEM_MAC);
                    assertThat(slave.actor().portState()).as("%s actor port state", slave.name()).isEqualTo(ALL_IN);
                    assertThat(slave.partner().portState()).as("%s partner port state", slave.name()).isEqualTo(ALL_IN);
                });

                // twinlink's view: the guest's system as partner on both taps
                TwinlinkLacpStatus.Aggregator bond = agent.showLacp().aggregator("bond0");
                assertThat(bond.partnerSystem()).isEqualTo(vm.systemMac());
                assertThat(bond.members()).extracting(TwinlinkLacpStatus.Member::port).containsExactlyElementsOf(settings.taps());
                assertThat(bond.members()).allSatisfy(m -> {
                    assertThat(m.mux()).isEqualTo(TwinlinkLacpStatus.COLLECTING_DISTRIBUTING);
                    assertThat(m.partner().system()).isEqualTo(vm.systemMac());
                    assertThat(m.actor().state()).isEqualTo(ALL_IN);
                    assertThat(m.partner().state()).isEqualTo(ALL_IN);
                });

                // traffic between the guest's bond0 and the agent's aggregate
                assertThat(netns.ping(GUEST_IP, 3, Duration.ofSeconds(2))).as("ping the guest's bond0 through twinlink's bond0")
                        .isTrue();

                Tshark.Dissection dissection = Tshark.dissect(agent.capture());
                assertThat(dissection.clean()).as("tshark problems: %s", dissection.problems()).isTrue();
                assertThat(CapturedLacpdu.read(agent.capture())).extracting(CapturedLacpdu::actorSystem)
                        .contains(SYSTEM_MAC, vm.systemMac());
            }
        }
        assertThat(Command.of("ip", "netns", "list").check().stdout()).doesNotContain(namespace);
    }
}
