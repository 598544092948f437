package org.orrery.bench.kernel;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Orrery's side of the peer comparison with Node ({@code benchmarks/kernels/node_pipeline.mjs}):
 * the same ticks, measured the same way, printed in the same line. Ticks run back to back or on a
 * fixed schedule; each tick's latency runs from its scheduled time (back to back: its
 * publication) until the driver has taken its frame, so a late tick also delays those behind it
 * (no coordinated omission). CPU use is the process's CPU time over wall time, all threads, as
 * Node's {@code process.cpuUsage()} counts it.
 *
 * <p>usage: {@code TickLatency nbody|heat KERNEL.wasm ITEMS WORKERS WARMUP_SECONDS SECONDS RATE}
 * (RATE in ticks per second, 0 for back to back). Prints: steps/s, latency p50 and p99 in ms, CPU
 * cores used.
 */
public final class TickLatency {

    /** Sleeping ends this long before a scheduled time, then the driver spins: Node's driver does the same. */
    private static final long SPIN_NANOS = 200_000;

    private TickLatency() {}

    public static void main(String[] args) throws Exception {
        ReferenceKernel kernel = ReferenceKernel.named(args[0]);
        int items = Integer.parseInt(args[2]);
        int workers = Integer.parseInt(args[3]);
        double warmup = Double.parseDouble(args[4]);
        double seconds = Double.parseDouble(args[5]);
        double rate = Double.parseDouble(args[6]);
        long period = rate > 0 ? Math.round(1e9 / rate) : 0;
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (HostPipeline pipeline = new HostPipeline(kernel, Path.of(args[1]), items, workers)) {
            runFor(pipeline, period, warmup, null);
            long[] latencies = new long[(int) Math.ceil(seconds * (rate > 0 ? rate : 100_000)) + 1];
            long cpuBefore = os.getProcessCpuTime();
            long start = System.nanoTime();
            int count = runFor(pipeline, period, seconds, latencies);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double cores = (os.getProcessCpuTime() - cpuBefore) / 1e9 / elapsed;
            pipeline.checkFault();
            Arrays.sort(latencies, 0, count);
            System.out.printf("%.2f %.3f %.3f %.2f %s%n", count / elapsed, percentile(latencies, count, 50),
                    percentile(latencies, count, 99), cores, pipeline.engine());
        }
    }

    private static int runFor(HostPipeline pipeline, long period, double seconds, long[] latencies) {
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        int count = 0;
        for (long i = 1; ; i++) {
            long scheduled = period > 0 ? start + i * period : System.nanoTime();
            if (scheduled >= end) {
                return count;
            }
            if (period > 0) {
                sleepUntil(scheduled);
            }
            pipeline.tick();
            if (latencies != null) {
                latencies[count] = System.nanoTime() - scheduled;
            }
            count++;
        }
    }

    private static void sleepUntil(long time) {
        long early = time - System.nanoTime() - SPIN_NANOS;
        if (early > 0) {
            LockSupport.parkNanos(early);
        }
        while (System.nanoTime() < time) {
            Thread.onSpinWait();
        }
    }

    /** The nearest-rank percentile in milliseconds, as the Node driver computes it. */
    private static double percentile(long[] sorted, int count, double p) {
        return sorted[Math.min(count - 1, (int) Math.ceil(p / 100 * count) - 1)] / 1e6;
    }
}
