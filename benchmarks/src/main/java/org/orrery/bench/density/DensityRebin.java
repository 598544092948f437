package org.orrery.bench.density;

import com.lmax.disruptor.dsl.ProducerType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.KernelDescriptorReader;
import org.orrery.memory.arena.ArenaLayout;
import org.orrery.memory.arena.SharedArena;
import org.orrery.memory.arena.Stage;
import org.orrery.memory.frame.ComputeFrame;
import org.orrery.memory.ring.ControlBatch;
import org.orrery.memory.ring.ControlRing;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.plugins.density.PointLoader;
import org.orrery.plugins.density.PointQuery;
import org.orrery.plugins.density.PointTable;
import org.orrery.plugins.density.SampleTaxiPickups;
import org.orrery.wasm.KernelHost;
import org.orrery.wasm.KernelModule;
import org.orrery.wasm.KernelSize;
import org.orrery.wasm.KernelWarmUp;
import org.orrery.wasm.KernelWorkers;
import org.orrery.wasm.StepWatchdog;
import org.orrery.wasm.TickTiming;
import org.orrery.wasm.engine.EngineChoice;
import org.orrery.wasm.engine.WasmEngine;
import org.orrery.wasm.graal.GraalWasmEngine;
import org.orrery.wasm.topology.CorePartition;
import org.orrery.wasm.topology.CpuTopology;

/**
 * The density plugin end to end on a large file: the load (DuckDB read, sort, copy into
 * off-heap points) and then re-binning for new viewports, one tick per viewport, on the
 * machine's worker cores. Prints the load time and the tick time distribution.
 *
 * <p>usage: {@code DensityRebin PLUGIN_DIR DATA_FILE ROWS MODULE TICKS WORKERS} (the file is
 * generated, seeded, if it is missing; MODULE is density.wasm or density-simd.wasm). The engine is
 * GraalWasm, or as {@code -Dorrery.engine=graalwasm|wasmtime|auto} says. With
 * {@code -Dorrery.density.points=FILE} the loaded points are also written to FILE for the native
 * driver ({@code benchmarks/kernels/density_native_driver.c}), which re-bins the same points.
 */
public final class DensityRebin {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;
    private static final long HEADER = ComputeFrame.HEADER_BYTES;
    /** Bands of rows per tick: points crowd into a few rows, so many bands keep the workers even. */
    private static final int CHUNKS = 48;

    private DensityRebin() {}

    public static void main(String[] args) throws Exception {
        Path pluginDir = Path.of(args[0]);
        Path data = Path.of(args[1]);
        long rows = Long.parseLong(args[2]);
        String moduleFile = args[3];
        int ticks = Integer.parseInt(args[4]);
        int workerCount = Integer.parseInt(args[5]);
        if (!Files.exists(data)) {
            long start = System.nanoTime();
            SampleTaxiPickups.write(data, rows, 2026, (done, total) -> { });
            System.out.printf(Locale.ROOT, "generated %s: %d rows, %.0f MB in %.1f s%n", data.getFileName(), rows,
                    Files.size(data) / 1e6, (System.nanoTime() - start) / 1e9);
        }
        KernelDescriptor descriptor = KernelDescriptorReader.read(Files.readString(pluginDir.resolve("kernel.json")),
                "kernel.json");
        // The partition's worker CPUs; asked for more (it keeps one for the FX thread), every CPU.
        CpuTopology topology = CpuTopology.detect();
        List<Integer> pool = CorePartition.of(topology).workers();
        if (workerCount > pool.size()) {
            pool = topology.cpus().stream().map(cpu -> cpu.id()).toList();
        }
        List<Integer> cpus = pool.subList(0, Math.min(workerCount, pool.size()));
        long[] loadStages = new long[2];
        long loadStart = System.nanoTime();
        try (PointTable points = new PointLoader(descriptor.buffer().orElseThrow().maxRecords()).load(
                new PointQuery(data, "longitude", "latitude", Optional.empty(), Optional.empty()),
                (stage, fraction) -> {
                    if (stage.startsWith("copying") && loadStages[0] == 0) {
                        loadStages[0] = System.nanoTime() - loadStart;
                    }
                });
             GraalWasmEngine graalWasm = new GraalWasmEngine(); StepWatchdog watchdog = new StepWatchdog();
             SharedArena shared = SharedArena.allocate(ArenaLayout.packed(HEADER + 4L * WIDTH * HEIGHT, 64, 0));
             Arena local = Arena.ofConfined()) {
            loadStages[1] = points.loadTime().toNanos();
            String pointsFile = System.getProperty("orrery.density.points");
            if (pointsFile != null) {
                writePoints(points, Path.of(pointsFile));
            }
            System.out.printf(Locale.ROOT, "load %s: %d points in %.2f s (DuckDB read %.2f s, sort and copy %.2f s),"
                            + " %d rejected lines%n", data.getFileName(), points.count(), loadStages[1] / 1e9,
                    loadStages[0] / 1e9, (loadStages[1] - loadStages[0]) / 1e9, points.rejectedCount());
            // As the app does when the plugin starts: warm the module up on the kernel's own made-up
            // points, so that its loops are compiled before the loaded points reach it.
            KernelSize size = KernelSize.grid(WIDTH, HEIGHT);
            KernelWarmUp.Result warmed = KernelWarmUp.run(engines(graalWasm), watchdog, descriptor,
                    Files.readAllBytes(pluginDir.resolve(moduleFile)), Optional.empty(), size,
                    local.allocate(descriptor.stateBytes(size.items()), 64), Duration.ofSeconds(60));
            System.out.printf(Locale.ROOT, "warm-up on %d sample points: steady after %.1f s; engine %s%n",
                    warmed.sampleRecords(), warmed.steadyNanos() / 1e9, warmed.choice());
            KernelModule module = warmed.chosen();
            TripleBuffer compute = shared.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
            KernelWorkers workers = new KernelWorkers(module, size, compute, HEADER,
                    local.allocate(4L * WIDTH * HEIGHT, 64), cpus, CHUNKS, WaitPolicy.BLOCKING, f -> { });
            try (KernelHost host = new KernelHost("density", workers, 64, ProducerType.SINGLE)) {
                ControlRing ring = host.ring();
                workers.offerBuffer(points.records(), points.count());
                PointTable.Bounds b = points.bounds();
                ControlBatch batch = ring.newBatch(8);
                TickTiming first = tick(ring, batch, compute, workers, 1, b.xMin(), b.xMax(), b.yMin(), b.yMax());
                System.out.printf(Locale.ROOT, "first tick after the load: %.1f ms; summed over workers, %.1f ms"
                                + " copying (the points into each worker's instance), %.1f ms in the kernel%n",
                        first.durationNanos() / 1e6, first.copyNanos() / 1e6, first.stepNanos() / 1e6);
                int warmUp = 300;
                long[] times = new long[ticks];
                for (int t = 0; t < warmUp + ticks; t++) {
                    // Pan and zoom around the data: from the whole extent down to a 1/16 view and back.
                    double zoom = 1 + 15 * (0.5 - 0.5 * Math.cos(t * 0.05));
                    double cx = (b.xMin() + b.xMax()) / 2 + Math.sin(t * 0.03) * (b.xMax() - b.xMin()) / 8;
                    double cy = (b.yMin() + b.yMax()) / 2 + Math.cos(t * 0.04) * (b.yMax() - b.yMin()) / 8;
                    double hw = (b.xMax() - b.xMin()) / 2 / zoom;
                    double hh = (b.yMax() - b.yMin()) / 2 / zoom;
                    long took = tick(ring, batch, compute, workers, t + 2, cx - hw, cx + hw, cy - hh, cy + hh)
                            .durationNanos();
                    if (t >= warmUp) {
                        times[t - warmUp] = took;
                    }
                }
                Arrays.sort(times);
                System.out.printf(Locale.ROOT, "re-bin %d points into %d x %d, %s, %d workers, %d ticks: "
                                + "median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", points.count(), WIDTH, HEIGHT,
                        moduleFile, cpus.size(), ticks, times[ticks / 2] / 1e6, times[ticks * 9 / 10] / 1e6,
                        times[Math.min(ticks - 1, ticks * 99 / 100)] / 1e6, times[ticks - 1] / 1e6);
                // The worst case: every point in view, the same viewport ticked again and again.
                long[] whole = new long[Math.max(1, ticks / 4)];
                long copy = 0;
                long step = 0;
                for (int t = 0; t < whole.length; t++) {
                    TickTiming timing = tick(ring, batch, compute, workers, warmUp + ticks + 2 + t, b.xMin(),
                            b.xMax() + 1e-4, b.yMin(), b.yMax() + 1e-4);
                    whole[t] = timing.durationNanos();
                    copy += timing.copyNanos();
                    step += timing.stepNanos();
                }
                Arrays.sort(whole);
                System.out.printf(Locale.ROOT, "  whole extent in view (all %d points), %d ticks: median %.2f ms,"
                                + " p99 %.2f ms; per tick, summed over workers: %.2f ms in the kernel, %.2f ms copying%n",
                        points.count(), whole.length, whole[whole.length / 2] / 1e6,
                        whole[Math.min(whole.length - 1, whole.length * 99 / 100)] / 1e6, step / 1e6 / whole.length,
                        copy / 1e6 / whole.length);
            }
        }
    }

    private static List<WasmEngine> engines(GraalWasmEngine graalWasm) {
        return EngineChoice.parse(System.getProperty("orrery.engine", "graalwasm")).engines(graalWasm);
    }

    /**
     * The points as the native driver reads them: count, bounds, then the records, little-endian
     * (the records are already so in memory on the machines Orrery runs on).
     */
    private static void writePoints(PointTable points, Path file) throws IOException {
        PointTable.Bounds b = points.bounds();
        ByteBuffer head = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putInt(points.count())
                .putFloat(b.xMin()).putFloat(b.xMax()).putFloat(b.yMin()).putFloat(b.yMax()).flip();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (ByteBuffer part : List.of(head,
                    points.records().asSlice(0, points.count() * PointTable.RECORD_BYTES).asByteBuffer())) {
                while (part.hasRemaining()) {
                    out.write(part);
                }
            }
        }
    }

    /** Publishes a viewport and a tick, waits for its frame; returns the tick's timing. */
    private static TickTiming tick(ControlRing ring, ControlBatch batch, TripleBuffer compute, KernelWorkers workers,
                             int frame, double xMin, double xMax, double yMin, double yMax) throws InterruptedException {
        batch.addParameter(frame, 0, xMin).addParameter(frame, 1, xMax).addParameter(frame, 2, yMin)
                .addParameter(frame, 3, yMax).addTick(frame, 16_666_667, frame, 0);
        if (!ring.publish(batch, 5_000_000_000L)) {
            throw new IllegalStateException("ring full");
        }
        // Wait blocked, not spinning: on a two-core machine a spinning waiter takes a worker's core.
        while (compute.publishedGeneration() < frame) {
            if (workers.fault() != null) {
                throw workers.fault();
            }
            if (compute.awaitFresh(10_000_000L)) {
                compute.acquire();
            }
        }
        return workers.lastTickTiming();
    }
}
