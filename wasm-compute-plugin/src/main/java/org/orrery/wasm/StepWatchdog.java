package org.orrery.wasm;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One daemon thread that stops kernel steps running past their budget ({@link StepBudget}: CPU
 * time of the step's thread, wall time only as a far outer limit). Instances stamp the start of
 * each step into fields; the watchdog looks every {@value #PERIOD_MILLIS} ms, so a step costs no
 * scheduling and no allocation, and a runaway step is stopped within its budget plus a period or two.
 */
public final class StepWatchdog implements AutoCloseable {

    static final long PERIOD_MILLIS = 2;

    private final CopyOnWriteArrayList<KernelInstance> watched = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public StepWatchdog() {
        thread = Thread.ofPlatform().daemon().name("orrery-kernel-watchdog").start(this::watch);
    }

    void watch(KernelInstance instance) {
        watched.add(instance);
    }

    void forget(KernelInstance instance) {
        watched.remove(instance);
    }

    private void watch() {
        while (running) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS));
            long now = System.nanoTime();
            for (KernelInstance instance : watched) {
                instance.stopIfOverBudget(now);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
