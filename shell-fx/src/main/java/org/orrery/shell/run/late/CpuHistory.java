package org.orrery.shell.run.late;

import java.util.List;

/** How the threads of this process shared the CPUs over a stretch of a run ({@link ThreadSchedule}). */
public interface CpuHistory {

    /** No history: nothing recorded. */
    CpuHistory NONE = (from, to) -> null;

    /**
     * Each thread's time on a CPU and waiting for one over the samples that cover
     * {@code [from, to]} (on the run's clock, {@link System#nanoTime()}), or null if none do.
     */
    Window around(long from, long to);

    /**
     * What the threads did over {@code [fromNanos, toNanos]}.
     *
     * @param cpus the CPUs this process may run on
     */
    record Window(long fromNanos, long toNanos, int cpus, List<ThreadCpu> threads) {

        public Window {
            threads = List.copyOf(threads);
        }

        double millis() {
            return (toNanos - fromNanos) / 1e6;
        }
    }

    /**
     * One thread's share of a window.
     *
     * @param name the thread's name as the OS keeps it (its first 15 bytes)
     * @param runNanos time it ran on a CPU
     * @param waitNanos time it was ready to run but waited for a CPU: descheduled
     */
    record ThreadCpu(String name, long runNanos, long waitNanos) {}
}
