package org.orrery.bench.render;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import org.orrery.memory.arena.ArenaLayout;
import org.orrery.memory.arena.SharedArena;
import org.orrery.memory.arena.Stage;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;
import org.orrery.servo.gl.GlFieldLayout;
import org.orrery.servo.gl.GlPointRaster;
import org.orrery.servo.gl.GlUnavailableException;
import org.orrery.servo.gl.BackendChoice;
import org.orrery.servo.gl.BackendSelector;
import org.orrery.servo.gl.ReadBack;
import org.orrery.servo.layout.FieldLayout;
import org.orrery.servo.layout.FrameLayout;
import org.orrery.servo.layout.FrameRaster;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.servo.points.PointFormat;
import org.orrery.servo.points.PointRaster;
import org.orrery.servo.points.PointStyle;
import org.orrery.servo.points.PointsLayout;
import org.orrery.servo.surface.GpuSurface;
import org.orrery.servo.surface.PixelBufferBackend;

/**
 * Per-frame cost of the renderer at 1280 x 720, stage by stage, for 16,384 nbody points and a
 * 1024 x 1024 field on each scale, through the PixelBuffer backend:
 * <ul>
 *   <li>layout: the layout stage's work (colouring, on the CPU or with OpenGL, or projection), on
 *       its own thread in the app;
 *   <li>raster: drawing projected points into the slot's pixels (points only), same thread, on
 *       the CPU or with OpenGL (offscreen, read back into the slot);
 *   <li>pulse: {@code GpuSurface.present()} on the FX thread, what the pulse pays;
 *   <li>render: JavaFX drawing the surface (texture upload, scaling) into an image, by a snapshot
 *       through the same Prism pipeline; the closest headless stand-in for the render thread's work.
 * </ul>
 * The layout runs on the calling thread and the rest on the FX thread, one after another, so
 * the stages never compete for a core. Run with {@code -Dglass.platform=Headless -Dprism.order=sw}
 * (scripts/bench-render does).
 *
 * <p>usage: {@code RenderFrames [FRAMES]} (default 600, after 300 to warm up)
 */
public final class RenderFrames {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;
    private static final int WARM_UP = 300;
    private static final int POINTS = 16_384;
    private static final int FIELD = 1024;

    private RenderFrames() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        Platform.startup(() -> { });
        System.out.printf(Locale.ROOT, "Renderer frame costs at %d x %d, PixelBuffer backend, Prism %s, %d cores, %d frames%n",
                WIDTH, HEIGHT, System.getProperty("prism.order", "default"), Runtime.getRuntime().availableProcessors(), frames);
        System.out.printf(Locale.ROOT, "%-44s %-7s %8s %8s %8s %8s%n", "view", "stage", "median", "p90", "p99", "max");

        PointStyle speed = new PointStyle(PointStyle.ColourBy.SPEED, 0,
                FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false), 1);
        PointsLayout points = new PointsLayout(0, POINTS, PointFormat.NBODY, (long) WIDTH * HEIGHT,
                new OrbitCamera(0, 0, 0, -60, 35, 3.2, 40), speed, WIDTH, HEIGHT);
        run("nbody 16,384 points, cpu", 32L * POINTS, LayoutFrame.slotBytes((long) WIDTH * HEIGHT, POINTS),
                frame -> BenchFrames.disc(frame, POINTS), points, new PointRaster(points), false, frames);
        for (ReadBack readBack : ReadBack.values()) {
            String name = "nbody 16,384 points, gl " + readBack.name().toLowerCase(Locale.ROOT);
            try (GlPointRaster gl = new GlPointRaster(points, readBack)) {
                gl.open();
                run(name, 32L * POINTS, LayoutFrame.slotBytes((long) WIDTH * HEIGHT, POINTS),
                        frame -> BenchFrames.disc(frame, POINTS), points, gl, false, frames);
                System.out.println("  gl renderer: " + gl.renderer());
            } catch (GlUnavailableException e) {
                System.out.println(name + ": not run, " + e.getMessage());
            }
        }
        BackendChoice<FrameRaster> choice = BackendSelector.points(BackendSelector.AUTO, points);
        System.out.println("  start-up choice (auto): " + choice.backend() + ", " + choice.reason());
        if (choice.chosen() instanceof AutoCloseable gl) {
            gl.close();
        }

        for (ValueScale scale : ValueScale.values()) {
            FieldLayout field = new FieldLayout(0, FIELD, FIELD, false, FieldStyle.auto(ColourMap.MAGMA, scale, false));
            run("field 1024x1024 " + scale.label(), 4L * FIELD * FIELD, LayoutFrame.slotBytes((long) FIELD * FIELD, 0),
                    frame -> BenchFrames.logNormalField(frame, FIELD * FIELD), field, null, true, frames);
            for (ReadBack readBack : ReadBack.values()) {
                String name = "field 1024x1024 " + scale.label() + ", gl " + readBack.name().toLowerCase(Locale.ROOT);
                try (GlFieldLayout gl = new GlFieldLayout(0, FIELD, FIELD, false, FieldStyle.auto(ColourMap.MAGMA, scale, false), readBack)) {
                    gl.open();
                    run(name, 4L * FIELD * FIELD, LayoutFrame.slotBytes((long) FIELD * FIELD, 0),
                            frame -> BenchFrames.logNormalField(frame, FIELD * FIELD), gl, null, true, frames);
                } catch (GlUnavailableException e) {
                    System.out.println(name + ": not run, " + e.getMessage());
                }
            }
            BackendChoice<FrameLayout> fieldChoice = BackendSelector.field(BackendSelector.AUTO, 0, FIELD, FIELD, false,
                    FieldStyle.auto(ColourMap.MAGMA, scale, false));
            System.out.println("  start-up choice (auto): " + fieldChoice.backend() + ", " + fieldChoice.reason());
            if (fieldChoice.chosen() instanceof AutoCloseable gl) {
                gl.close();
            }
        }
        Platform.exit();
    }

    private static void run(String name, long computeBytes, long layoutBytes, java.util.function.Consumer<MemorySegment> fill,
                            FrameLayout layout, FrameRaster raster, boolean keepAspect, int frames) throws Exception {
        try (SharedArena arena = SharedArena.allocate(ArenaLayout.packed(computeBytes, layoutBytes, 0))) {
            TripleBuffer compute = arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
            TripleBuffer slots = arena.tripleBuffer(Stage.LAYOUT, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
            fill.accept(compute.back());
            compute.publish();
            compute.acquire();
            GpuSurface surface = onFx(() -> {
                GpuSurface s = new GpuSurface(slots, new PixelBufferBackend());
                s.setKeepAspect(keepAspect);
                Scene scene = new Scene(new StackPane(s), WIDTH, HEIGHT);
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                return s;
            });
            WritableImage target = new WritableImage(WIDTH, HEIGHT);
            SnapshotParameters parameters = new SnapshotParameters();
            long[] layoutNanos = new long[frames];
            long[] rasterNanos = new long[frames];
            long[] pulseNanos = new long[frames];
            long[] renderNanos = new long[frames];
            for (int i = -WARM_UP; i < frames; i++) {
                long start = System.nanoTime();
                MemorySegment slot = slots.back();
                layout.layOut(compute.front(), slot);
                long laidOut = System.nanoTime();
                if (raster != null) {
                    raster.draw(slot);
                }
                long rastered = System.nanoTime();
                slots.publish();
                long[] fx = onFx(() -> {
                    long t0 = System.nanoTime();
                    surface.present();
                    long t1 = System.nanoTime();
                    surface.snapshot(parameters, target);
                    return new long[] {t1 - t0, System.nanoTime() - t1};
                });
                if (i >= 0) {
                    layoutNanos[i] = laidOut - start;
                    rasterNanos[i] = rastered - laidOut;
                    pulseNanos[i] = fx[0];
                    renderNanos[i] = fx[1];
                }
            }
            print(name, "layout", layoutNanos);
            if (raster != null) {
                print(name, "raster", rasterNanos);
            }
            print(name, "pulse", pulseNanos);
            print(name, "render", renderNanos);
            onFx(() -> {
                surface.dispose();
                return null;
            });
        }
    }

    private static void print(String name, String stage, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-44s %-7s %8.3f %8.3f %8.3f %8.3f ms%n", name, stage, at(sorted, 0.5),
                at(sorted, 0.9), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get(1, TimeUnit.MINUTES);
    }
}
