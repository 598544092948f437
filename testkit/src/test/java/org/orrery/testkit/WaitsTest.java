package org.orrery.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WaitsTest {

    private final Waits waits = new Waits(Duration.ofMillis(200));

    @Test
    void aWaitReturnsTheFirstValueThatHolds() {
        AtomicInteger polls = new AtomicInteger();

        int value = waits.until("the third poll", polls::incrementAndGet, n -> n == 3);

        assertThat(value).isEqualTo(3);
    }

    @Test
    void aWaitThatTimesOutSaysWhatItAwaitedAndWhatItLastSaw() {
        assertThatThrownBy(() -> waits.until("heat to be RUNNING", () -> PluginState.PREPARING,
                s -> s == PluginState.RUNNING))
                .isInstanceOf(AssertionError.class)
                .hasMessage("waited 200 ms for heat to be RUNNING; last seen: PREPARING");
    }

    @Test
    void aQueryThatFailsIsReportedWithItsCause() {
        IllegalStateException cause = new IllegalStateException("no such node: #run-start");

        assertThatThrownBy(() -> waits.until("Start to be enabled", () -> {
            throw cause;
        }, x -> true))
                .hasMessageStartingWith("waited 200 ms for Start to be enabled; the last look failed: ")
                .hasMessageContaining("no such node: #run-start")
                .hasCause(cause);
    }

    @Test
    void arraysAreShownByTheirValues() {
        assertThatThrownBy(() -> waits.until("a zoom", () -> new double[] {0.5, 1.5}, v -> false))
                .hasMessageEndingWith("last seen: [0.5, 1.5]");
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> waits.timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
