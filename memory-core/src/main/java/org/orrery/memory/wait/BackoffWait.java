package org.orrery.memory.wait;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Spins, then yields, then parks for growing intervals up to {@link #MAX_PARK_NANOS}. Needs no
 * signal: a waiter notices the condition within one park interval. Idle, it costs a few thousand
 * short wake-ups a second instead of a core. Stateless between calls: one instance may serve any
 * number of waiting threads.
 */
public final class BackoffWait implements WaitStrategy {

    static final int SPINS = 100;
    static final int YIELDS = 50;
    static final long MIN_PARK_NANOS = 1_000;
    static final long MAX_PARK_NANOS = 200_000;

    private final int spins;
    private final int yields;

    /** Spins {@value #SPINS} times and yields {@value #YIELDS} times before it parks. */
    public BackoffWait() {
        this(SPINS, YIELDS);
    }

    /**
     * @param spins checks with a spin hint before yielding starts
     * @param yields checks with a yield before parking starts; 0 and 0 park at once, which leaves
     *     the core and the cache lines to the thread that must make the condition true
     */
    public BackoffWait(int spins, int yields) {
        if (spins < 0 || yields < 0) {
            throw new IllegalArgumentException("spins and yields must not be negative");
        }
        this.spins = spins;
        this.yields = yields;
    }

    @Override
    public boolean await(BooleanSupplier condition, long deadlineNanos) {
        int round = 0;
        long park = MIN_PARK_NANOS;
        while (!condition.getAsBoolean()) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            if (round < spins) {
                Thread.onSpinWait();
            } else if (round < spins + yields) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(Math.min(park, remaining));
                park = Math.min(park << 1, MAX_PARK_NANOS);
            }
            round++;
        }
        return true;
    }

    @Override
    public void signal() {
        // waiters poll on a bounded park interval
    }
}
