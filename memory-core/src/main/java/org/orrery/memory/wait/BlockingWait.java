package org.orrery.memory.wait;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Parks the waiting thread until {@link #signal()} unparks it. Costs nothing while idle; wake-up
 * takes an unpark (microseconds). The waiter publishes itself before it checks the condition, and
 * the signaller changes the condition before it reads the waiter, so one of the two always sees
 * the other: no wake-up is lost.
 */
public final class BlockingWait implements WaitStrategy {

    private volatile Thread waiter;

    @Override
    public boolean await(BooleanSupplier condition, long deadlineNanos) {
        if (condition.getAsBoolean()) {
            return true;
        }
        waiter = Thread.currentThread();
        try {
            while (!condition.getAsBoolean()) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0 || Thread.currentThread().isInterrupted()) {
                    return false;
                }
                LockSupport.parkNanos(this, remaining);
            }
            return true;
        } finally {
            waiter = null;
        }
    }

    @Override
    public void signal() {
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
