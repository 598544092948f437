package org.orrery.wasm;

/**
 * How busy each worker of a kernel was between two samples: its time stepping and copying over
 * the wall time between the samples, 0 to 1. A pinned worker's share is its core's share of
 * Orrery's work. For the HUD and the runner's report; call {@link #sample} now and then, from one
 * thread. Sampling allocates nothing.
 */
public final class WorkerUtilisation {

    private final KernelWorkers workers;
    private final long[] busyBefore;
    private final double[] shares;
    private long sampledAt;

    /** Starts measuring now. */
    public WorkerUtilisation(KernelWorkers workers) {
        this.workers = workers;
        this.busyBefore = new long[workers.workerCount()];
        this.shares = new double[busyBefore.length];
        for (int i = 0; i < busyBefore.length; i++) {
            busyBefore[i] = workers.workerBusyNanos(i);
        }
        sampledAt = System.nanoTime();
    }

    /** Works out each worker's share since the previous sample (or since construction). */
    public void sample() {
        long now = System.nanoTime();
        long wall = Math.max(1, now - sampledAt);
        for (int i = 0; i < busyBefore.length; i++) {
            long busy = workers.workerBusyNanos(i);
            // A step still running at the sample is counted when it ends, so a share can pass 1
            // by the length of one step; it is capped.
            shares[i] = Math.min(1.0, (busy - busyBefore[i]) / (double) wall);
            busyBefore[i] = busy;
        }
        sampledAt = now;
    }

    /** How many workers there are. */
    public int workers() {
        return shares.length;
    }

    /** Worker {@code index}'s busy share at the last sample, 0 to 1. */
    public double share(int index) {
        return shares[index];
    }

    /** The workers' mean busy share at the last sample, 0 to 1. */
    public double meanShare() {
        double sum = 0;
        for (double share : shares) {
            sum += share;
        }
        return sum / shares.length;
    }

    /** The CPU worker {@code index} runs on, or -1 if it is not pinned. */
    public int cpu(int index) {
        return workers.workerCpu(index);
    }
}
