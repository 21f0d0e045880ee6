package io.twinlink.it.mlag;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.it.harness.OvsLacpStatus;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two switches are configured differently: {@code show mlag} names the item that
 * disagrees, the secondary (sw2) keeps its half of the bundle down with that reason, and the
 * server goes on working through the primary, without flapping.
 */
@Tag("ovs")
@Tag("mlag")
class MlagConsistencyIT {

    private static final Duration STEADY = Duration.ofSeconds(3);

    static Stream<Arguments> mismatches() {
        return Stream.of(
                // one bundle disagrees: only that bundle is held
                Arguments.of("mlag-id 10 key", (UnaryOperator<SwitchConfig>) c -> c.key(11), "10", "11", true),
                // the pair disagrees as a whole: every bundle held, own system ID advertised
                Arguments.of("system-mac", (UnaryOperator<SwitchConfig>) c -> c.systemMac("02:00:00:00:00:bb"),
                        MlagTestbed.SHARED_MAC, "02:00:00:00:00:bb", false),
                Arguments.of("domain-id", (UnaryOperator<SwitchConfig>) c -> c.domainId(2), "1", "2", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mismatches")
    void secondaryHoldsItsHalfDownWithTheReasonAndTheServerKeepsThePrimary(String item, UnaryOperator<SwitchConfig> change,
                                                                          String sw1Value, String sw2Value,
                                                                          boolean sw2AdvertisesShared) {
        try (MlagTestbed bed = MlagTestbed.start(MlagTestbed.Options.ovs().withSw2(change))) {
            bed.awaitSwitches("sw2 paired, " + item + " reported and its half held down", List.of(bed.sw2()),
                    s -> s.pairState().equals("paired") && !s.consistency().isEmpty()
                            && s.bundle(MlagTestbed.MLAG_ID).protodown()
                            && s.bundle(MlagTestbed.MLAG_ID).reason().contains(item));
            bed.awaitSwitches("sw1 paired and serving", List.of(bed.sw1()),
                    s -> s.pairState().equals("paired") && !s.bundle(MlagTestbed.MLAG_ID).protodown()
                            && s.bundle(MlagTestbed.MLAG_ID).local().equals("up"));
            bed.awaitOvs("p1 alone enabled, with the primary as partner", () -> primaryAlone(bed));

            // As an operator sees it, from both sides.
            MlagStatus sw1 = MlagStatus.fromJson(bed.sw1().agent().showMlagJson());
            MlagStatus sw2 = MlagStatus.fromJson(bed.sw2().agent().showMlagJson());
            System.out.println(item + " mismatch: sw1 " + sw1 + "\nsw2 " + sw2);
            assertThat(sw1.role()).isEqualTo("primary");
            assertThat(sw2.role()).isEqualTo("secondary");
            assertThat(sw1.row(item)).isEqualTo(new MlagStatus.Consistency(item, sw1Value, sw2Value, false));
            assertThat(sw2.row(item)).isEqualTo(new MlagStatus.Consistency(item, sw2Value, sw1Value, false));
            assertThat(sw2.consistency()).filteredOn(row -> !row.item().equals(item))
                    .allSatisfy(row -> assertThat(row.ok()).as("%s", row).isTrue());
            MlagStatus.Bundle held = sw2.bundle(MlagTestbed.MLAG_ID);
            assertThat(held.protodown()).isTrue();
            assertThat(held.reason()).startsWith("inconsistent").contains(item);
            assertThat(sw1.bundle(MlagTestbed.MLAG_ID).protodown()).isFalse();
            assertThat(sw1.advertisedSystem()).isEqualTo(MlagTestbed.SHARED_MAC);
            if (sw2AdvertisesShared) {
                assertThat(sw2.advertisedSystem()).isEqualTo(MlagTestbed.SHARED_MAC);
            } else {
                assertThat(sw2.advertisedSystem()).as("a globally inconsistent secondary advertises its own system ID")
                        .isNotIn(MlagTestbed.SHARED_MAC, "02:00:00:00:00:bb");
            }
            assertThat(bed.sw2().netns().link(MlagTestbed.MEMBER).isUp()).as("sw2's member admin state").isFalse();

            // No flap: it stays that way, and the server works through the primary meanwhile.
            try (SequenceStream stream = SequenceStream.between("mismatch", bed.server(), MlagTestbed.SERVER_IP,
                    bed.upstream(), MlagTestbed.UPSTREAM_IP).flows(OvsFlows.FIRST_SOURCE_PORT, OvsFlows.FLOWS).start()) {
                Awaitility.await("held steady for " + STEADY).during(STEADY).atMost(STEADY.plusSeconds(10))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> bed.sw2().mlag().bundle(MlagTestbed.MLAG_ID).protodown()
                                && !bed.sw1().mlag().bundle(MlagTestbed.MLAG_ID).protodown() && primaryAlone(bed));
                stream.stopSending();
                StreamReport report = stream.report();
                System.out.println(item + " mismatch, server to upstream: " + report);
                assertThat(report.distinct()).as("datagrams through the primary").isGreaterThan(1000);
                assertThat(report.lost()).as("lost: %s", report).isZero();
                assertThat(report.duplicates()).as("duplicates: %s", report).isZero();
            }
        }
    }

    private static boolean primaryAlone(MlagTestbed bed) {
        OvsLacpStatus lacp = bed.ovs().lacpShow("bond0");
        OvsLacpStatus.Member p1 = lacp.member("p1");
        return lacp.negotiated() && p1.currentAttached() && p1.partnerSystemId().equals(MlagTestbed.SHARED_MAC)
                && bed.ovsEnabledMembers().equals(List.of("p1"));
    }
}
