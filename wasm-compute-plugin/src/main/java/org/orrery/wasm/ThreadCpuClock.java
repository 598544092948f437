package org.orrery.wasm;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time used by a thread, for step budgets. Where the JVM cannot measure it (not on Linux, where
 * Orrery runs), {@link #SUPPORTED} is false and budgets fall back to wall time.
 */
final class ThreadCpuClock {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final boolean SUPPORTED = THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();

    private ThreadCpuClock() {
    }

    /** The calling thread's CPU time in nanoseconds; 0 where unsupported. No allocation: it runs before every step. */
    static long currentThreadNanos() {
        return SUPPORTED ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** Another thread's CPU time in nanoseconds; -1 if it has ended or cannot be measured. */
    static long threadNanos(long threadId) {
        return SUPPORTED ? THREADS.getThreadCpuTime(threadId) : -1;
    }
}
