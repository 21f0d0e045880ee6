package io.twinlink.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CarrierWatchTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final VirtualLoop loop = new VirtualLoop();
    private final Map<String, Boolean> driver = new HashMap<>(Map.of("a1", true, "a2", true));
    private final Map<String, Boolean> notified = new HashMap<>(Map.of("a1", true, "a2", true));
    private final List<String> reported = new ArrayList<>();

    private CarrierWatch watch(List<String> ports) {
        return new CarrierWatch(loop, ports, p -> Optional.ofNullable(driver.get(p)), notified::get, p -> {
            reported.add(p);
            notified.put(p, driver.get(p)); // what the daemon does: reads the link and passes it on
        });
    }

    @Test
    void aCarrierLossTheKernelHasNotNotifiedYetIsReportedWithinAPeriod() {
        watch(List.of("a1", "a2")).start();
        loop.runFor(50 * MS);
        assertThat(reported).isEmpty();

        driver.put("a2", false);
        loop.runFor(CarrierWatch.MIN_PERIOD_MS * MS);

        assertThat(reported).containsExactly("a2");
        loop.runFor(100 * MS);
        assertThat(reported).as("once: then the agent knows").containsExactly("a2");
    }

    @Test
    void aDriverThatCannotTellIsLeftToTheNotifications() {
        driver.remove("a1");
        notified.put("a1", false);
        watch(List.of("a1")).start();
        loop.runFor(100 * MS);
        assertThat(reported).isEmpty();
    }

    @Test
    void stoppedItAsksNoMore() {
        CarrierWatch w = watch(List.of("a1"));
        w.start();
        w.stop();
        driver.put("a1", false);
        loop.runFor(100 * MS);
        assertThat(reported).isEmpty();
    }

    @Test
    void thePeriodGrowsWithThePorts() {
        assertThat(CarrierWatch.periodMillis(2)).isEqualTo(CarrierWatch.MIN_PERIOD_MS);
        assertThat(CarrierWatch.periodMillis(256)).isEqualTo(128);
        assertThat(CarrierWatch.periodMillis(4096)).isEqualTo(CarrierWatch.MAX_PERIOD_MS);
    }
}
