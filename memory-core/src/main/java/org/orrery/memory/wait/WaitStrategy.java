package org.orrery.memory.wait;

import java.util.function.BooleanSupplier;

/**
 * How a thread waits for a condition that another thread will make true: a free ring slot, a
 * fresh frame, a consumed frame.
 *
 * <p>An instance serves one waiting thread at a time. The thread that changes the condition calls
 * {@link #signal()} afterwards; strategies that never sleep ignore it, strategies that park rely
 * on it. The condition must be a preallocated object (a field, not a capturing lambda made per
 * call) so that waiting allocates nothing.
 */
public interface WaitStrategy {

    /**
     * Waits until {@code condition} is true or {@code System.nanoTime()} passes
     * {@code deadlineNanos}.
     *
     * @return true if the condition held, false on time-out or interruption (the interrupt flag is
     *     left set)
     */
    boolean await(BooleanSupplier condition, long deadlineNanos);

    /** Wakes the waiting thread, if any, after the condition may have become true. */
    void signal();

    /**
     * The {@code System.nanoTime()} deadline {@code timeoutNanos} from now, saturated so that a
     * huge time-out ({@code Long.MAX_VALUE} for "forever") does not wrap into the past.
     */
    static long deadlineAfter(long timeoutNanos) {
        long now = System.nanoTime();
        long deadline = now + Math.max(0, timeoutNanos);
        return deadline - now < 0 ? now + Long.MAX_VALUE : deadline;
    }
}
