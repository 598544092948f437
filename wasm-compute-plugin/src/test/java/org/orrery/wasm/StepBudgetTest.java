package org.orrery.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StepBudgetTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private final StepBudget budget = new StepBudget(2000 * MS, false);

    @Test
    void aStepSlowedByABusyMachineButWithinItsCpuBudgetRunsOn() {
        assertThat(budget.exceeded(9000 * MS, 1500 * MS)).as("9 s of wall time, 1.5 s of CPU").isNull();
    }

    @Test
    void aStepOverItsCpuBudgetIsStoppedSayingTheFigures() {
        assertThat(budget.exceeded(2100 * MS, 2001 * MS)).isEqualTo(StepBudget.Limit.CPU);
        assertThat(budget.describe("orrery_step", StepBudget.Limit.CPU, 4300 * MS, 2004 * MS))
                .isEqualTo("orrery_step used 2,004 ms of CPU time, over its budget of 2,000 ms; 4,300 ms of wall time had passed");
    }

    @Test
    void aStepThatGetsNoCpuIsStoppedAtTheOuterWallLimit() {
        assertThat(budget.exceeded(19_999 * MS, 100 * MS)).isNull();
        assertThat(budget.exceeded(20_001 * MS, 100 * MS)).isEqualTo(StepBudget.Limit.WALL);
        assertThat(budget.describe("orrery_step", StepBudget.Limit.WALL, 20_001 * MS, 100 * MS))
                .startsWith("orrery_step ran 20,001 ms of wall time, the outer limit (10 times its CPU budget of 2,000 ms)")
                .contains("having used only 100 ms of CPU time");
    }

    @Test
    void theWarmUpAllowanceIsNamed() {
        StepBudget warmUp = new StepBudget(10_000 * MS, true);
        assertThat(warmUp.describe("orrery_step", StepBudget.Limit.CPU, 10_500 * MS, 10_001 * MS))
                .contains("over its budget of 10,000 ms (the allowance while it warms up)");
    }

    @Test
    void aThreadsCpuTimeIsMeasuredOnThisMachine() {
        // Budgets in CPU time depend on it; Orrery runs on Linux, where HotSpot measures it.
        assertThat(ThreadCpuClock.SUPPORTED).isTrue();
        long before = ThreadCpuClock.currentThreadNanos();
        long spin = System.nanoTime() + 50 * MS;
        double sink = 0;
        while (System.nanoTime() < spin) {
            sink += Math.sqrt(sink + 1);
        }
        long used = ThreadCpuClock.threadNanos(Thread.currentThread().threadId()) - before;
        assertThat(used).as("CPU time of 50 ms of spinning (sink %s)", sink).isGreaterThan(10 * MS);
    }
}
