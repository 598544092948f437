package org.orrery.wasm;

/**
 * Where one tick of a kernel spent its time and what it moved, summed over the workers.
 *
 * @param tick the tick's number, counted from 1 by {@link KernelWorkers}; 0 before the first tick
 * @param startNanos when the coordinator released the tick to the workers ({@link System#nanoTime()})
 * @param endNanos when the last chunk was stepped and copied out, just before the frame was published
 * @param bytesIn state copied into linear memory: the whole input, into each worker that took a chunk
 * @param bytesOut state copied out of linear memory into the compute frame
 * @param copyNanos time spent on those copies, summed over workers
 * @param stepNanos time spent in {@code orrery_step}, summed over workers
 */
public record TickTiming(long tick, long startNanos, long endNanos, long bytesIn, long bytesOut, long copyNanos,
                         long stepNanos) {

    /** Wall time from release to publish. */
    public long durationNanos() {
        return endNanos - startNanos;
    }
}
