package org.orrery.plugins.heat;

import com.lmax.disruptor.dsl.ProducerType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.orrery.memory.arena.ArenaLayout;
import org.orrery.memory.arena.SharedArena;
import org.orrery.memory.arena.Stage;
import org.orrery.memory.frame.ComputeFrame;
import org.orrery.memory.ring.ControlRing;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;
import org.orrery.servo.layout.FieldLayout;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.layout.LayoutStage;
import org.orrery.servo.surface.GpuSurface;
import org.orrery.servo.surface.PixelBufferBackend;
import org.orrery.wasm.KernelFault;
import org.orrery.wasm.KernelHost;
import org.orrery.wasm.KernelModule;
import org.orrery.wasm.KernelSize;
import org.orrery.wasm.KernelWorkers;
import org.orrery.wasm.StepWatchdog;
import org.orrery.wasm.graal.GraalWasmEngine;
import org.orrery.wasm.testing.BuiltPlugin;

/**
 * The heat plugin's whole pipeline as the app runs it, headless: the control ring (two
 * producers), the workers on the real kernel, the lossless compute buffer, the layout stage and a
 * {@link GpuSurface}. The test is the frame driver: it publishes ticks and presents on the FX
 * thread. Threads are started by the constructor; hand timelines over with {@code recordInto}
 * before.
 */
final class HeatPipelineRig implements AutoCloseable {

    static final int SIDE = 64;
    static final long HEADER = ComputeFrame.HEADER_BYTES;

    final List<KernelFault> faults = new CopyOnWriteArrayList<>();
    final TripleBuffer compute;
    final TripleBuffer layout;
    final KernelWorkers workers;
    final ControlRing ring;
    final LayoutStage stage;
    final GpuSurface surface;
    private final SharedArena shared;
    private final KernelHost host;

    /**
     * @param plugins a folder to install the built plugin into
     * @param layoutDelivery {@code LOSSLESS} to show every frame, {@code LIVE} to let the
     *     surface skip frames it was too late for
     * @param configure called with the workers and layout stage before they start
     */
    HeatPipelineRig(Path plugins, ColourMap map, DeliveryMode layoutDelivery, Configure configure) throws Exception {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyStarted) {
            // another test in this JVM started it
        }
        KernelModule module = BuiltPlugin.install(plugins, "heat").module(new GraalWasmEngine(), new StepWatchdog());
        KernelSize size = KernelSize.grid(SIDE, SIDE);
        FieldLayout field = new FieldLayout(HEADER, SIDE, SIDE, false, new FieldStyle(map, ValueScale.LINEAR, 0, 500, false));
        shared = SharedArena.allocate(ArenaLayout.packed(HEADER + 4L * SIDE * SIDE,
                LayoutFrame.slotBytes((long) SIDE * SIDE, 0), 0));
        compute = shared.tripleBuffer(Stage.COMPUTE, DeliveryMode.LOSSLESS, WaitPolicy.BLOCKING);
        layout = shared.tripleBuffer(Stage.LAYOUT, layoutDelivery, WaitPolicy.BLOCKING);
        try (Arena local = Arena.ofConfined()) {
            MemorySegment start = local.allocate(4L * SIDE * SIDE, 16);
            module.startingState(size, module.descriptor().parameters().stream().mapToDouble(p -> p.defaultValue()).toArray(), start);
            workers = new KernelWorkers(module, size, compute, HEADER, start, List.of(-1), 4, WaitPolicy.BLOCKING, faults::add);
        }
        stage = new LayoutStage("heat", compute, layout, field, null);
        configure.before(workers, stage);
        // Two producers, as in the app: the frame driver's ticks and the FX thread's painting.
        host = new KernelHost("heat", workers, 2048, ProducerType.MULTI);
        ring = host.ring();
        stage.start();
        surface = onFx(() -> new GpuSurface(layout, new PixelBufferBackend()));
    }

    /** Settings made before the threads start. */
    @FunctionalInterface
    interface Configure {
        void before(KernelWorkers workers, LayoutStage stage);
    }

    /** Publishes tick {@code tick} (one frame time at 60 Hz). */
    void tick(long tick) {
        if (!ring.publishTick(tick, 16_666_667, 0, 0, TimeUnit.SECONDS.toNanos(5))) {
            throw new AssertionError("the control ring stayed full");
        }
    }

    /**
     * Waits until the layout stage has published its frame from tick {@code tick}. The compute
     * buffer is lossless, so each tick makes one compute frame, and the layout stage lays out
     * each: the layout buffer's generation counts ticks.
     */
    void awaitLayoutOf(long tick) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (layout.publishedGeneration() < tick) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no layout frame from tick " + tick + " within 30 s");
            }
            Thread.sleep(0, 100_000);
        }
    }

    static <T> T onFx(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        stage.close();
        host.close();
        onFx(() -> {
            surface.dispose();
            return null;
        });
        shared.close();
    }
}
