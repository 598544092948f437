package org.orrery.bench.render;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Locale;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;
import org.orrery.servo.gl.BackendChoice;
import org.orrery.servo.gl.BackendSelector;
import org.orrery.servo.gl.GlFieldLayout;
import org.orrery.servo.gl.GlPointRaster;
import org.orrery.servo.gl.GlUnavailableException;
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

/**
 * The layout stage's backends side by side, without JavaFX: per frame, the point raster (16,384
 * nbody points at 1280 x 720) and the field layout (1024 x 1024, each scale) on the CPU and with
 * OpenGL reading back direct and pipelined, then what start-up's trial would choose. Runs where
 * JavaFX cannot (a GPU machine without a display); {@link RenderFrames} adds the pulse and render.
 *
 * <p>usage: {@code BackendTrials [FRAMES [ONLY]]} (default 300 frames, after 100 to warm up; ONLY
 * runs just the lines whose name contains it, for example {@code pipelined} or {@code choice})
 */
public final class BackendTrials {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 720;
    private static final int POINTS = 16_384;
    private static final int FIELD = 1024;
    private static final int WARM_UP = 100;
    private static String only = "";

    private BackendTrials() {
    }

    public static void main(String[] args) throws Exception {
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        only = args.length > 1 ? args[1] : "";
        System.out.printf(Locale.ROOT, "Layout-stage backends, %d cores, %d frames after %d%n",
                Runtime.getRuntime().availableProcessors(), frames, WARM_UP);
        System.out.printf(Locale.ROOT, "%-46s %8s %8s %8s%n", "work", "median", "p90", "p99");
        Arena arena = Arena.ofShared();

        PointStyle speed = new PointStyle(PointStyle.ColourBy.SPEED, 0, FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false), 1);
        PointsLayout points = new PointsLayout(0, POINTS, PointFormat.NBODY, (long) WIDTH * HEIGHT,
                new OrbitCamera(0, 0, 0, -60, 35, 3.2, 40), speed, WIDTH, HEIGHT);
        MemorySegment bodies = arena.allocate(32L * POINTS, 64);
        BenchFrames.disc(bodies, POINTS);
        MemorySegment pointSlot = arena.allocate(LayoutFrame.slotBytes((long) WIDTH * HEIGHT, POINTS), 64);
        points.layOut(bodies, pointSlot);
        measure("points 16,384: layout (projection)", frames, () -> points.layOut(bodies, pointSlot));
        PointRaster cpuRaster = new PointRaster(points);
        measure("points 16,384: raster, cpu", frames, () -> cpuRaster.draw(pointSlot));
        for (ReadBack readBack : ReadBack.values()) {
            if (!wanted("points 16,384: raster, gl " + name(readBack))) {
                continue;
            }
            try (GlPointRaster gl = new GlPointRaster(points, readBack)) {
                gl.open();
                measure("points 16,384: raster, gl " + name(readBack), frames, () -> gl.draw(pointSlot));
                System.out.println("  renderer: " + gl.renderer());
            } catch (GlUnavailableException e) {
                System.out.println("points, gl " + name(readBack) + ": not run, " + e.getMessage());
            }
        }
        if (wanted("points choice")) {
            BackendChoice<FrameRaster> pointChoice = BackendSelector.points(BackendSelector.AUTO, points);
            System.out.println("points choice: " + pointChoice.backend() + ", " + pointChoice.reason());
            close(pointChoice.chosen());
        }

        MemorySegment field = arena.allocate(4L * FIELD * FIELD, 64);
        BenchFrames.logNormalField(field, FIELD * FIELD);
        MemorySegment fieldSlot = arena.allocate(LayoutFrame.slotBytes((long) FIELD * FIELD, 0), 64);
        for (ValueScale scale : ValueScale.values()) {
            FieldStyle style = FieldStyle.auto(ColourMap.MAGMA, scale, false);
            FieldLayout cpu = new FieldLayout(0, FIELD, FIELD, false, style);
            measure("field 1024x1024 " + scale.label() + ": layout, cpu", frames, () -> cpu.layOut(field, fieldSlot));
            for (ReadBack readBack : ReadBack.values()) {
                if (!wanted("field 1024x1024 " + scale.label() + ": layout, gl " + name(readBack))) {
                    continue;
                }
                try (GlFieldLayout gl = new GlFieldLayout(0, FIELD, FIELD, false, style, readBack)) {
                    gl.open();
                    measure("field 1024x1024 " + scale.label() + ": layout, gl " + name(readBack), frames,
                            () -> gl.layOut(field, fieldSlot));
                } catch (GlUnavailableException e) {
                    System.out.println("field, gl " + name(readBack) + ": not run, " + e.getMessage());
                }
            }
            if (wanted("field " + scale.label() + " choice")) {
                BackendChoice<FrameLayout> fieldChoice = BackendSelector.field(BackendSelector.AUTO, 0, FIELD, FIELD, false, style);
                System.out.println("field " + scale.label() + " choice: " + fieldChoice.backend() + ", " + fieldChoice.reason());
                close(fieldChoice.chosen());
            }
        }
    }

    private static boolean wanted(String what) {
        return what.contains(only);
    }

    private static void measure(String what, int frames, Runnable work) {
        if (wanted(what)) {
            print(what, time(frames, work));
        }
    }

    private static String name(ReadBack readBack) {
        return readBack.name().toLowerCase(Locale.ROOT);
    }

    private static void close(Object backend) throws Exception {
        if (backend instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private static long[] time(int frames, Runnable work) {
        for (int i = 0; i < WARM_UP; i++) {
            work.run();
        }
        long[] nanos = new long[frames];
        for (int i = 0; i < frames; i++) {
            long start = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static void print(String what, long[] sorted) {
        System.out.printf(Locale.ROOT, "%-46s %8.3f %8.3f %8.3f ms%n", what, at(sorted, 0.5), at(sorted, 0.9), at(sorted, 0.99));
    }

    private static double at(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
