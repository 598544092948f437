package org.orrery.bench.kernel;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.time.Duration;
import net.openhft.chronicle.core.util.NanoSampler;
import net.openhft.chronicle.jlbh.JLBH;
import net.openhft.chronicle.jlbh.JLBHOptions;
import net.openhft.chronicle.jlbh.JLBHResult;
import net.openhft.chronicle.jlbh.JLBHResultConsumer;
import net.openhft.chronicle.jlbh.JLBHTask;
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
                "%-10s %-10s %9s %9s %9s %9s %9s %9s%n", "ticks/s", "probe", "p50", "p90", "p99", "p99.9",
                "p99.99", "worst"));
        try (Arena arena = Arena.ofShared()) {
            FrameTimeline timeline = new FrameTimeline(arena.allocate(FrameTimeline.bytesFor(TIMELINE_FRAMES), 64),
                    TIMELINE_FRAMES);
            try (HostPipeline pipeline = new HostPipeline(kernel, Path.of(args[1]), items, workers, timeline)) {
                for (int i = 5; i < args.length; i++) {
                    int rate = Integer.parseInt(args[i]);
                    JLBHResultConsumer results = JLBHResultConsumer.newThreadSafeInstance();
                    JLBHOptions options = new JLBHOptions()
                            .warmUpIterations(i == 5 ? FIRST_WARM_UP : LATER_WARM_UP)
                            .iterations(rate * seconds)
                            .throughput(rate)
                            .runs(1)
                            .recordOSJitter(false) // its thread would spin on one of the two cores
                            .accountForCoordinatedOmission(true)
                            .acquireLock(() -> null) // the workers pin themselves; the driver is not pinned
                            .jlbhTask(new TickTask(pipeline, timeline));
                    new JLBH(options, System.out, results).start();
                    pipeline.checkFault();
                    JLBHResult result = results.get();
                    row(table, rate, "end to end", result.endToEnd());
                    for (String probe : TickTask.PROBES) {
                        row(table, rate, probe, result.probe(probe).orElseThrow());
                    }
                }
            }
        }
        System.out.printf("%nTick latency through the host, microseconds (%s N = %d, %d worker(s), %d s per rate)%n%s",
                args[0], items, workers, seconds, table);
    }

    private static void row(StringBuilder table, int rate, String probe, JLBHResult.ProbeResult result) {
        JLBHResult.RunResult run = result.summaryOfLastRun();
        table.append(String.format("%-10d %-10s %9s %9s %9s %9s %9s %9s%n", rate, probe, micros(run.get50thPercentile()),
                micros(run.get90thPercentile()), micros(run.get99thPercentile()), micros(run.get999thPercentile()),
                micros(run.get9999thPercentile()), micros(run.getWorst())));
    }

    /** JLBH leaves a percentile out (null) when the run has too few samples to give it. */
    private static String micros(Duration d) {
        return d == null ? "-" : String.format("%.1f", d.toNanos() / 1e3);
    }

    /** One tick per run; its stages are read back from the timeline into the probes. */
    private static final class TickTask implements JLBHTask {

        static final String[] PROBES = {"ring", "workers", "hand-over"};

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
        }

        @Override
        public void init(JLBH jlbh) {
            this.jlbh = jlbh;
            ring = jlbh.addProbe(PROBES[0]);
            workers = jlbh.addProbe(PROBES[1]);
            handOver = jlbh.addProbe(PROBES[2]);
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
        }
    }
}
