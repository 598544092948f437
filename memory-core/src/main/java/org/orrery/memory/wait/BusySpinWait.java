package org.orrery.memory.wait;

import java.util.function.BooleanSupplier;

/** Spins on the condition: lowest latency, burns a whole core. For benchmarks and dedicated cores only. */
public final class BusySpinWait implements WaitStrategy {

    @Override
    public boolean await(BooleanSupplier condition, long deadlineNanos) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadlineNanos >= 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    @Override
    public void signal() {
        // nothing sleeps
    }
}
