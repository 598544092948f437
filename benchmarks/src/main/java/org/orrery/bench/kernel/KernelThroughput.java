package org.orrery.bench.kernel;

import java.nio.file.Path;

/**
 * Steps per second of a reference kernel (n-body or heat) through the whole host, ticks back to
 * back ({@link HostPipeline}). Prints steps/s after a warm-up, the same figure the native and V8
 * drivers print, and the time per tick the workers spent copying and stepping. Run by
 * {@code scripts/bench-kernels}.
 *
 * <p>usage: {@code KernelThroughput nbody|heat KERNEL.wasm ITEMS WORKERS WARMUP_SECONDS SECONDS}
 */
public final class KernelThroughput {

    private KernelThroughput() {}

    public static void main(String[] args) throws Exception {
        ReferenceKernel kernel = ReferenceKernel.named(args[0]);
        int items = Integer.parseInt(args[2]);
        int workers = Integer.parseInt(args[3]);
        double warmup = Double.parseDouble(args[4]);
        double seconds = Double.parseDouble(args[5]);
        try (HostPipeline pipeline = new HostPipeline(kernel, Path.of(args[1]), items, workers)) {
            runFor(pipeline, warmup);
            long copyBefore = pipeline.copyNanos();
            long busyBefore = pipeline.busyNanos();
            long start = System.nanoTime();
            long ticks = runFor(pipeline, seconds);
            double elapsed = (System.nanoTime() - start) / 1e9;
            pipeline.checkFault();
            // Times are summed over workers, so with two they can exceed the tick's wall time.
            double copy = (pipeline.copyNanos() - copyBefore) / 1e6 / ticks;
            double step = (pipeline.busyNanos() - busyBefore) / 1e6 / ticks - copy;
            System.out.printf("%.2f (copy %.1f ms, step %.1f ms)%n", ticks / elapsed, copy, step);
        }
    }

    private static long runFor(HostPipeline pipeline, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long ticks = 0;
        while (System.nanoTime() < end) {
            pipeline.tick();
            ticks++;
        }
        return ticks;
    }
}
