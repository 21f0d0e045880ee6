package io.twinlink.it.mlag;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.it.harness.BondingVm;
import io.twinlink.it.harness.Figures;
import io.twinlink.it.harness.LinuxBondStatus;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The pair seen from the Linux bonding driver (mode 802.3ad, fast rate) in a qemu guest whose
 * two NICs go one to each switch: the driver's own report, /proc/net/bonding/bond0, must show
 * both slaves in one aggregator whose partner is the shared system MAC.
 */
@Tag("qemu")
@Tag("mlag")
class MlagBondingVmIT {

    /** activity, timeout (fast), aggregation, synchronization, collecting, distributing [802.1AX-2020 6.4.2.3] */
    private static final int ALL_IN = 63;

    @Test
    void linuxBondingGuestAggregatesBothSwitchesInOneAggregator() {
        try (MlagTestbed bed = MlagTestbed.start(MlagTestbed.Options.bondingVm())) {
            BondingVm vm = bed.vm();
            BondingVm.BondReport report = vm.awaitBondReport("both slaves in one aggregator with " + MlagTestbed.SHARED_MAC,
                    status -> status.aggregatedWith(MlagTestbed.SHARED_MAC), Duration.ofSeconds(120));
            Figures.record("mlag.bonding-vm.qemu-start-to-aggregated", vm.sinceStart());
            bed.awaitPair("paired, consistent, bundle up on both", s -> s.pairedAndConsistent()
                    && s.bundle(MlagTestbed.MLAG_ID).upOnBoth());

            LinuxBondStatus guest = report.status();
            System.out.println("guest bond: aggregator " + guest.activeAggregator() + ", slaves " + guest.slaves());
            assertThat(guest.mode()).isEqualTo("IEEE 802.3ad Dynamic link aggregation");
            assertThat(guest.activeAggregator().partnerMac()).isEqualTo(MlagTestbed.SHARED_MAC);
            assertThat(guest.activeAggregator().partnerKey()).isEqualTo(MlagTestbed.KEY);
            assertThat(guest.activeAggregator().numberOfPorts()).isEqualTo(2);
            assertThat(guest.slaves()).extracting(LinuxBondStatus.Slave::name).containsExactly("eth0", "eth1");
            assertThat(guest.slaves()).allSatisfy(slave -> {
                assertThat(slave.aggregatorId()).as("%s in the one aggregator", slave.name())
                        .isEqualTo(guest.activeAggregator().id());
                assertThat(slave.partner().systemMac()).as("%s partner", slave.name()).isEqualTo(MlagTestbed.SHARED_MAC);
                assertThat(slave.partner().key()).as("%s partner key", slave.name()).isEqualTo(MlagTestbed.KEY);
                assertThat(slave.partner().portState()).as("%s partner port state", slave.name()).isEqualTo(ALL_IN);
                assertThat(slave.actor().portState()).as("%s actor port state", slave.name()).isEqualTo(ALL_IN);
            });
            // eth0 is wired to sw1 (ports from 0), eth1 to sw2 (ports from 0x8000): two switches, one partner.
            assertThat(guest.slave("eth0").partner().portNumber()).isLessThan(0x8000);
            assertThat(guest.slave("eth1").partner().portNumber()).isGreaterThanOrEqualTo(0x8000);

            Awaitility.await("upstream host pings the guest's bond0 through the pair").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> bed.upstream().ping(MlagTestbed.GUEST_IP, 3, Duration.ofSeconds(2)));
        }
    }
}
