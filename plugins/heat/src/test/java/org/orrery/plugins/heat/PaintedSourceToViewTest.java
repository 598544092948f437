package org.orrery.plugins.heat;

import static org.assertj.core.api.Assertions.assertThat;

import com.lmax.disruptor.dsl.ProducerType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.memory.arena.ArenaLayout;
import org.orrery.memory.arena.SharedArena;
import org.orrery.memory.arena.Stage;
import org.orrery.memory.handle.GenIndex;
import org.orrery.memory.ring.ControlRing;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;
import org.orrery.servo.interaction.SourcePainter;
import org.orrery.servo.layout.FieldLayout;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.layout.LayoutStage;
import org.orrery.servo.surface.GpuSurface;
import org.orrery.servo.surface.PixelBufferBackend;
import org.orrery.wasm.KernelFault;
import org.orrery.wasm.KernelModule;
import org.orrery.wasm.KernelSize;
import org.orrery.wasm.KernelWorkers;
import org.orrery.wasm.StepWatchdog;
import org.orrery.wasm.WasmRuntime;
import org.orrery.wasm.testing.BuiltPlugin;

/**
 * The whole way from the mouse to the screen: a source painted on the heat view goes through the
 * control ring to the workers, into the next compute frame, through the layout stage and onto the
 * surface. Frames are ticked one at a time, each presented as a pulse would; the painted cell
 * must show the source's colour within two frames of the paint.
 */
class PaintedSourceToViewTest {

    private static final int SIDE = 64;
    private static final long HEADER = 64;
    private static final int PAINT_BEFORE_FRAME = 4;
    private static final ColourMap MAP = ColourMap.COOL_WARM;

    @TempDir
    static Path plugins;

    @Test
    void aPaintedSourceIsOnScreenWithinTwoFrames() throws Exception {
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException alreadyStarted) {
            // another test in this JVM started it
        }
        KernelModule module = BuiltPlugin.install(plugins, "heat").module(new WasmRuntime(), new StepWatchdog());
        KernelSize size = KernelSize.grid(SIDE, SIDE);
        List<KernelFault> faults = new CopyOnWriteArrayList<>();
        FieldLayout field = new FieldLayout(HEADER, SIDE, SIDE, false, new FieldStyle(MAP, ValueScale.LINEAR, 0, 500, false));
        try (SharedArena shared = SharedArena.allocate(ArenaLayout.packed(HEADER + 4L * SIDE * SIDE,
                     LayoutFrame.slotBytes((long) SIDE * SIDE, 0), 0));
             Arena local = Arena.ofConfined()) {
            TripleBuffer compute = shared.tripleBuffer(Stage.COMPUTE, DeliveryMode.LOSSLESS, WaitPolicy.BLOCKING);
            TripleBuffer layout = shared.tripleBuffer(Stage.LAYOUT, DeliveryMode.LOSSLESS, WaitPolicy.BLOCKING);
            MemorySegment start = local.allocate(4L * SIDE * SIDE, 16);
            module.startingState(size, module.descriptor().parameters().stream().mapToDouble(p -> p.defaultValue()).toArray(), start);
            KernelWorkers workers = new KernelWorkers(module, size, compute, HEADER, start, List.of(-1), 4,
                    WaitPolicy.BLOCKING, faults::add);
            // Two producers, as in the app: the frame driver's ticks and the FX thread's painting.
            ControlRing ring = new ControlRing(2048, ProducerType.MULTI, WaitPolicy.BLOCKING, workers);
            Thread coordinator = Thread.ofPlatform().name("coordinator").start(ring.consumer());
            LayoutStage stage = new LayoutStage("heat", compute, layout, field, null).start();
            GpuSurface surface = onFx(() -> new GpuSurface(layout, new PixelBufferBackend()));
            SourcePainter painter = onFx(() -> SourcePainter.install(surface, ring, new AtomicInteger(), 256, 3, () -> 500));
            try {
                int firstHotFrame = -1;
                for (int frame = 1; frame <= PAINT_BEFORE_FRAME + 4 && firstHotFrame < 0; frame++) {
                    if (frame == PAINT_BEFORE_FRAME) {
                        assertThat(onFx(() -> painter.add(16.5, 16.5))).isTrue();
                    }
                    assertThat(ring.publishTick(frame, 16_666_667, 0, 0, TimeUnit.SECONDS.toNanos(5))).isTrue();
                    int tick = frame;
                    awaitLayoutOf(layout, tick);
                    int pixel = onFx(() -> {
                        assertThat(surface.present()).as("the pulse shows a new frame").isTrue();
                        MemorySegment shown = layout.front();
                        assertThat(GenIndex.generation(shown.get(ValueLayout.JAVA_LONG, LayoutFrame.SOURCE)))
                                .as("made from this tick's compute frame").isEqualTo(tick);
                        return shown.get(ValueLayout.JAVA_INT, LayoutFrame.PIXELS + 4L * (16 * SIDE + 16));
                    });
                    if (frame < PAINT_BEFORE_FRAME) {
                        assertThat(pixel).as("frame %d, before the paint", frame).isNotEqualTo(MAP.pixel(255));
                    } else if (pixel == MAP.pixel(255)) {
                        firstHotFrame = frame;
                    }
                }
                assertThat(firstHotFrame).as("the first frame showing the source, painted before frame %d", PAINT_BEFORE_FRAME)
                        .isBetween(PAINT_BEFORE_FRAME, PAINT_BEFORE_FRAME + 1);
                assertThat(faults).isEmpty();
                assertThat(stage.failure()).isNull();
            } finally {
                stage.close();
                ring.consumer().halt();
                coordinator.join(5_000);
                workers.close();
                onFx(() -> {
                    surface.dispose();
                    return null;
                });
            }
        }
    }

    /**
     * Waits until the layout stage has published its frame from tick {@code tick}. Both buffers
     * are lossless, so each tick makes one compute frame and one layout frame: the layout
     * buffer's generation counts ticks.
     */
    private static void awaitLayoutOf(TripleBuffer layout, int tick) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (layout.publishedGeneration() < tick) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no layout frame from tick " + tick + " within 30 s");
            }
            Thread.sleep(1);
        }
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get(30, TimeUnit.SECONDS);
    }
}
