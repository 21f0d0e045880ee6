package io.twinlink.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LacpduPeriodsTest {

    @Test
    void periodicLacpdusAreMeasuredAgainstTheirSlot() {
        LacpduPeriods.Timing t = LacpduPeriods.of(Map.of("1", List.of(0.0, 1.002, 2.000, 3.010)));

        assertThat(t.deviationsMillis()).hasSize(3);
        assertThat(t.deviationsMillis().get(0)).isCloseTo(2.0, within(1e-6));
        assertThat(t.deviationsMillis().get(1)).isCloseTo(2.0, within(1e-6)); // 0.998 s after the previous one
        assertThat(t.deviationsMillis().get(2)).isCloseTo(10.0, within(1e-6));
        assertThat(t.extras()).isZero();
        assertThat(t.missed()).isZero();
    }

    @Test
    void anExtraLacpduOnAStateChangeIsNotAnEarlyPeriod() {
        // NTT at 1.4 s: the periodic timer is not moved, the next periodic one comes at 2.0 s
        LacpduPeriods.Timing t = LacpduPeriods.of(Map.of("1", List.of(0.0, 1.0, 1.4, 2.0, 3.0)));

        assertThat(t.deviationsMillis()).allSatisfy(d -> assertThat(d).isCloseTo(0.0, within(1e-6))).hasSize(3);
        assertThat(t.extras()).isEqualTo(1);
        assertThat(t.missed()).isZero();
    }

    @Test
    void aMissedPeriodIsCountedAndTheNextSlotFollowsTheMissedOne() {
        LacpduPeriods.Timing t = LacpduPeriods.of(Map.of("1", List.of(0.0, 1.0, 3.0, 4.0), "2", List.of(0.5, 1.5)));

        assertThat(t.missed()).isEqualTo(1);
        assertThat(t.deviationsMillis()).hasSize(4).allSatisfy(d -> assertThat(d).isCloseTo(0.0, within(1e-6)));
    }
}
