package io.twinlink.agent.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.twinlink.wire.FrameEncoder;
import io.twinlink.wire.LacpInfo;
import io.twinlink.wire.Lacpdu;
import io.twinlink.wire.MacAddress;
import io.twinlink.wire.TcnBpdu;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The policer on a virtual clock: floods at 50 000 frames/s against a partner's own pace. */
class IngressPolicerTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private static final int FLOOD_RATE = 50_000;

    private static final MacAddress PARTNER = MacAddress.parse("02:00:00:00:0b:01");
    private static final MacAddress STRANGER = MacAddress.parse("02:00:00:00:ee:01");

    private static byte[] lacpdu(MacAddress source) {
        return FrameEncoder.lacpdu(source, new Lacpdu(LacpInfo.NULL, LacpInfo.NULL, 0));
    }

    private static byte[] bpdu(MacAddress source) {
        return FrameEncoder.bpdu(source, new TcnBpdu().encode());
    }

    private static byte[] pvst(MacAddress source) {
        byte[] f = bpdu(source);
        System.arraycopy(MacAddress.PVST.toBytes(), 0, f, 0, 6);
        return f;
    }

    @Test
    void aWellBehavedTalkerIsNeverDropped() {
        IngressPolicer policer = new IngressPolicer(0);
        byte[] lacp = lacpdu(PARTNER);
        byte[] stp = bpdu(PARTNER);
        for (long t = 0; t < 1000 * S; t += S / 5) {
            // five LACPDUs and five BPDUs a second, more than LACP and RSTP ever send at rest
            assertThat(policer.admit(lacp, t)).isTrue();
            assertThat(policer.admit(stp, t + 1)).isTrue();
        }
        assertThat(policer.dropped()).isZero();
    }

    @Test
    void aStrangersFloodIsCutToItsRateAndThePartnerStillGetsThrough() {
        IngressPolicer policer = new IngressPolicer(0);
        byte[] flood = lacpdu(STRANGER);
        byte[] partner = lacpdu(PARTNER);
        int admittedFlood = 0;
        int admittedPartner = 0;
        long step = S / FLOOD_RATE;
        for (long t = 0; t < 10 * S; t += step) {
            if (policer.admit(flood, t)) {
                admittedFlood++;
            }
            if (t % S == 0 && policer.admit(partner, t)) {
                admittedPartner++;
            }
        }
        assertThat(admittedPartner).isEqualTo(10);
        // the burst, then the talker's rate
        assertThat(admittedFlood).isBetween(IngressPolicer.TALKER_BURST + 9 * IngressPolicer.TALKER_RATE,
                IngressPolicer.TALKER_BURST + 10 * IngressPolicer.TALKER_RATE);
        assertThat(policer.dropped()).isEqualTo(10L * FLOOD_RATE - admittedFlood);
    }

    @Test
    void aFloodFromRandomSourcesIsBoundedAndAKnownPartnerKeepsItsPlace() {
        IngressPolicer policer = new IngressPolicer(0);
        byte[] partner = lacpdu(PARTNER);
        assertThat(policer.admit(partner, 0)).isTrue(); // the partner was there before the flood
        Random random = new Random(7);
        byte[] flood = new byte[64];
        int admitted = 0;
        int admittedPartner = 0;
        long step = S / FLOOD_RATE;
        for (long t = 1; t < 20 * S; t += step) {
            random.nextBytes(flood); // random source, type and all
            if (policer.admit(flood, t)) {
                admitted++;
            }
            if (t % S == 1 && policer.admit(partner, t)) {
                admittedPartner++;
            }
        }
        assertThat(admittedPartner).isEqualTo(20);
        assertThat(policer.talkers()).isEqualTo(IngressPolicer.TALKERS);
        // 15 one-shot sources took the free places; everyone else shares one bucket
        assertThat(admitted).isLessThanOrEqualTo(IngressPolicer.TALKERS - 1 + IngressPolicer.TALKER_BURST
                + 20 * IngressPolicer.TALKER_RATE);
    }

    @Test
    void aNeighboursPvstFloodDoesNotStarveItsOwnIeeeBpdusOrLacpdus() {
        IngressPolicer policer = new IngressPolicer(0);
        byte[] pvst = pvst(PARTNER);
        byte[] ieee = bpdu(PARTNER);
        byte[] lacp = lacpdu(PARTNER);
        for (long t = 0; t < 10 * S; t += S / 2000) {
            policer.admit(pvst, t); // 2000 VLANs' worth every second
            if (t % S == 0) {
                assertThat(policer.admit(ieee, t)).isTrue();
                assertThat(policer.admit(lacp, t)).isTrue();
            }
        }
        assertThat(policer.dropped()).isPositive();
    }

    @Test
    void anIdleTalkerGivesItsPlaceUp() {
        IngressPolicer policer = new IngressPolicer(0);
        for (int i = 0; i < IngressPolicer.TALKERS; i++) {
            policer.admit(lacpdu(MacAddress.of(0x020000000100L + i)), 0);
        }
        assertThat(policer.talkers()).isEqualTo(IngressPolicer.TALKERS);
        long later = (IngressPolicer.IDLE_SECONDS + 1) * S;
        byte[] newcomer = lacpdu(MacAddress.of(0x0200000002ffL));
        for (int i = 0; i < IngressPolicer.TALKER_BURST; i++) {
            assertThat(policer.admit(newcomer, later)).isTrue();
        }
        assertThat(policer.talkers()).isEqualTo(1);
    }

    @Test
    void runtFramesAreTalkersToo() {
        IngressPolicer policer = new IngressPolicer(0);
        int admitted = 0;
        for (int i = 0; i < 1000; i++) {
            if (policer.admit(new byte[i % 14], 0)) {
                admitted++;
            }
        }
        assertThat(admitted).isEqualTo(IngressPolicer.TALKER_BURST);
    }
}
