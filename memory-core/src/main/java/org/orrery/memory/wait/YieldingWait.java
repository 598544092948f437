package org.orrery.memory.wait;

import java.util.function.BooleanSupplier;

/**
 * Spins briefly, then yields the core between checks. Low latency and polite to other threads
 * that are runnable, but still shows as a busy core while idle.
 */
public final class YieldingWait implements WaitStrategy {

    private static final int SPINS = 100;

    @Override
    public boolean await(BooleanSupplier condition, long deadlineNanos) {
        int spins = SPINS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadlineNanos >= 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            if (spins > 0) {
                spins--;
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        return true;
    }

    @Override
    public void signal() {
        // nothing sleeps
    }
}
