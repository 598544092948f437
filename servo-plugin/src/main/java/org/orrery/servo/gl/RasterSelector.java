package org.orrery.servo.gl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.orrery.servo.layout.FrameRaster;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.layout.ProjectedItem;
import org.orrery.servo.points.PointRaster;
import org.orrery.servo.points.PointsLayout;

/**
 * Chooses how a point view is rastered: on the CPU ({@link PointRaster}) or with OpenGL
 * ({@link GlPointRaster}). Asked for {@code auto}, it draws a trial frame (the view's item count
 * at its surface size, items spread over the surface) with each backend and keeps the faster;
 * {@code cpu} or {@code gl} force one. A GL backend that cannot start falls back to the CPU with
 * the reason; forced {@code gl} that cannot start is an error.
 */
public final class RasterSelector {

    /** The settings a user may give. */
    public static final String AUTO = "auto";
    public static final String CPU = "cpu";
    public static final String GL = "gl";

    static final int TRIAL_WARM_UP = 5;
    static final int TRIAL_FRAMES = 15;

    private RasterSelector() {
    }

    /**
     * Chooses a raster for {@code layout}. A chosen GL raster is released from the calling
     * thread, for the layout stage's thread to take.
     *
     * @param setting {@code auto}, {@code cpu} or {@code gl}
     * @throws IllegalArgumentException for another setting, or for {@code gl} where GL cannot start
     */
    public static RasterChoice choose(String setting, PointsLayout layout) {
        return switch (setting) {
            case CPU -> new RasterChoice(new PointRaster(layout), CPU, Double.NaN, Double.NaN, "chosen in settings");
            case GL -> {
                GlPointRaster gl = new GlPointRaster(layout);
                try {
                    gl.open();
                } catch (GlUnavailableException e) {
                    throw new IllegalArgumentException("the OpenGL backend was asked for but cannot start: " + e.getMessage(), e);
                }
                gl.release();
                yield new RasterChoice(gl, GL, Double.NaN, Double.NaN, "chosen in settings (" + gl.renderer() + ")");
            }
            case AUTO -> measure(layout);
            default -> throw new IllegalArgumentException("render backend must be auto, cpu or gl, was '" + setting + "'");
        };
    }

    private static RasterChoice measure(PointsLayout layout) {
        PointRaster cpu = new PointRaster(layout);
        GlPointRaster gl = new GlPointRaster(layout);
        try {
            gl.open();
        } catch (GlUnavailableException e) {
            return new RasterChoice(cpu, CPU, Double.NaN, Double.NaN, "OpenGL unavailable: " + e.getMessage());
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment slot = trialFrame(arena, layout);
            double cpuMillis = medianMillis(cpu, slot);
            double glMillis = medianMillis(gl, slot);
            String figures = String.format(Locale.ROOT, "trial frame: cpu %.2f ms, gl %.2f ms (%s)", cpuMillis, glMillis, gl.renderer());
            if (glMillis < cpuMillis) {
                gl.release();
                return new RasterChoice(gl, GL, cpuMillis, glMillis, "faster on a " + figures);
            }
            gl.close();
            return new RasterChoice(cpu, CPU, cpuMillis, glMillis, "faster on a " + figures);
        }
    }

    /** A slot with the view's items spread over its surface, as a layout would leave it. */
    private static MemorySegment trialFrame(Arena arena, PointsLayout layout) {
        long size = layout.surfaceSize();
        int width = (int) (size >>> 32);
        int height = (int) size;
        long itemsOffset = layout.itemsOffset();
        MemorySegment slot = arena.allocate(itemsOffset + ProjectedItem.BYTES * layout.items(), 64);
        slot.set(ValueLayout.JAVA_INT, LayoutFrame.WIDTH, width);
        slot.set(ValueLayout.JAVA_INT, LayoutFrame.HEIGHT, height);
        slot.set(ValueLayout.JAVA_INT, LayoutFrame.ITEMS, layout.items());
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < layout.items(); i++) {
            long record = itemsOffset + ProjectedItem.BYTES * i;
            slot.set(ValueLayout.JAVA_FLOAT, record + ProjectedItem.X, (float) (random.nextDouble() * width));
            slot.set(ValueLayout.JAVA_FLOAT, record + ProjectedItem.Y, (float) (random.nextDouble() * height));
            slot.set(ValueLayout.JAVA_FLOAT, record + ProjectedItem.DEPTH, (float) (1 + random.nextDouble()));
            slot.set(ValueLayout.JAVA_INT, record + ProjectedItem.COLOUR, 0xFF000000 | random.nextInt(0x1000000));
        }
        return slot;
    }

    private static double medianMillis(FrameRaster raster, MemorySegment slot) {
        for (int i = 0; i < TRIAL_WARM_UP; i++) {
            raster.draw(slot);
        }
        long[] nanos = new long[TRIAL_FRAMES];
        for (int i = 0; i < TRIAL_FRAMES; i++) {
            long start = System.nanoTime();
            raster.draw(slot);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[TRIAL_FRAMES / 2] / 1e6;
    }
}
