package org.orrery.bench.kernel;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import net.openhft.chronicle.core.util.NanoSampler;
import net.openhft.chronicle.jlbh.JLBH;
import net.openhft.chronicle.jlbh.JLBHOptions;
import net.openhft.chronicle.jlbh.JLBHTask;
import org.HdrHistogram.Histogram;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;

/**
 * The latency of one tick through Orrery's host: published on the control ring, taken by the
 * coordinator, stepped by the workers, published through the compute triple buffer and taken by
 * the driver. Measured with JLBH at each rate given, from the tick's scheduled time, so a late
 * tick also counts against those queued behind it (JLBH's coordinated-omission correction). The
 * frame timeline splits each tick into three probes: ring (published to taken), workers (taken to
 * frame published) and hand-over (frame published to taken by the driver).
 *
 * <p>JLBH prints its own tables (p99.9 only from 100,000 samples a run, p99.99 from 1,000,000).
 * The summary table reads the same samples from histograms of its own, so that every percentile
 * is given with the number of samples behind it: a p99.99 of 3,600 samples is close to the worst.
 *
 * <p>usage: {@code TickLatencyJlbh nbody|heat KERNEL.wasm ITEMS WORKERS SECONDS_PER_RATE RATE...}
 */
public final class TickLatencyJlbh {

    private static final int TIMELINE_FRAMES = 1024;
    /** Ticks back to back before the first rate, for GraalWasm to compile the kernel. */
    private static final int FIRST_WARM_UP = 30_000;
    private static final int LATER_WARM_UP = 2_000;

    private TickLatencyJlbh() {}

    public static void main(String[] args) throws Exception {
        ReferenceKernel kernel = ReferenceKernel.named(args[0]);
        int items = Integer.parseInt(args[2]);
        int workers = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        StringBuilder table = new StringBuilder(String.format(
                "%-8s %-10s %8s %9s %9s %9s %9s %9s %9s%n", "ticks/s", "probe", "samples", "p50", "p90", "p99",
                "p99.9", "p99.99", "worst"));
        try (Arena arena = Arena.ofShared()) {
            FrameTimeline timeline = new FrameTimeline(arena.allocate(FrameTimeline.bytesFor(TIMELINE_FRAMES), 64),
                    TIMELINE_FRAMES);
            try (HostPipeline pipeline = new HostPipeline(kernel, Path.of(args[1]), items, workers, timeline)) {
                for (int i = 5; i < args.length; i++) {
                    int rate = Integer.parseInt(args[i]);
                    TickTask task = new TickTask(pipeline, timeline);
                    JLBHOptions options = new JLBHOptions()
                            .warmUpIterations(i == 5 ? FIRST_WARM_UP : LATER_WARM_UP)
                            .iterations(rate * seconds)
                            .throughput(rate)
                            .runs(1)
                            .recordOSJitter(false) // its thread would spin on one of the two cores
                            .accountForCoordinatedOmission(true)
                            .acquireLock(() -> null) // the workers pin themselves; the driver is not pinned
                            .jlbhTask(task);
                    new JLBH(options).start();
                    pipeline.checkFault();
                    for (int p = 0; p < TickTask.PROBES.length; p++) {
                        row(table, rate, TickTask.PROBES[p], task.histograms[p]);
                    }
                }
            }
        }
        System.out.printf("%nTick latency through the host, microseconds (%s N = %d, %d worker(s), %d s per rate)%n%s",
                args[0], items, workers, seconds, table);
    }

    private static void row(StringBuilder table, int rate, String probe, Histogram h) {
        table.append(String.format("%-8d %-10s %8d %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f%n", rate, probe,
                h.getTotalCount(), h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
                h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3,
                h.getValueAtPercentile(99.99) / 1e3, h.getMaxValue() / 1e3));
    }

    /** One tick per run; its stages are read back from the timeline into the probes. */
    private static final class TickTask implements JLBHTask {

        static final String[] PROBES = {"end to end", "ring", "workers", "hand-over"};

        /** Per probe, in nanoseconds, after the warm-up: the same samples JLBH is given. */
        final Histogram[] histograms = new Histogram[PROBES.length];

        private final HostPipeline pipeline;
        private final FrameTimeline timeline;
        private final long[] stamps = new long[FrameStage.values().length];
        private JLBH jlbh;
        private NanoSampler ring;
        private NanoSampler workers;
        private NanoSampler handOver;

        TickTask(HostPipeline pipeline, FrameTimeline timeline) {
            this.pipeline = pipeline;
            this.timeline = timeline;
            for (int p = 0; p < PROBES.length; p++) {
                histograms[p] = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
            }
        }

        @Override
        public void warmedUp() {
            for (Histogram h : histograms) {
                h.reset();
            }
        }

        @Override
        public void init(JLBH jlbh) {
            this.jlbh = jlbh;
            ring = jlbh.addProbe(PROBES[1]);
            workers = jlbh.addProbe(PROBES[2]);
            handOver = jlbh.addProbe(PROBES[3]);
        }

        @Override
        public void run(long startTimeNs) {
            pipeline.tick();
            long taken = System.nanoTime();
            jlbh.sample(taken - startTimeNs);
            long tick = pipeline.ticks();
            timeline.read(tick, stamps); // only the first three stages are stamped here
            long published = stamps[FrameStage.TICK_PUBLISHED.ordinal()];
            long took = stamps[FrameStage.TICK_TAKEN.ordinal()];
            long computed = stamps[FrameStage.COMPUTE_PUBLISHED.ordinal()];
            if (published == FrameTimeline.MISSING || took == FrameTimeline.MISSING
                    || computed == FrameTimeline.MISSING) {
                throw new IllegalStateException("tick " + tick + " was not fully stamped");
            }
            ring.sampleNanos(took - published);
            workers.sampleNanos(computed - took);
            handOver.sampleNanos(taken - computed);
            histograms[0].recordValue(taken - startTimeNs);
            histograms[1].recordValue(took - published);
            histograms[2].recordValue(computed - took);
            histograms[3].recordValue(taken - computed);
        }
    }
}
