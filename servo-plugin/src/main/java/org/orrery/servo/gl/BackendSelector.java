package org.orrery.servo.gl;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.layout.FieldLayout;
import org.orrery.servo.layout.FrameLayout;
import org.orrery.servo.layout.FrameRaster;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.layout.ProjectedItem;
import org.orrery.servo.points.PointRaster;
import org.orrery.servo.points.PointsLayout;

/**
 * Chooses, at start-up, how a view is drawn: on the CPU, or with OpenGL reading each frame back
 * directly or pipelined. Asked for {@code auto}, it draws a trial frame of the view's size with
 * each backend that starts and keeps the fastest; {@code cpu}, {@code gl} and
 * {@code gl-pipelined} force one. A GL backend that cannot start is left out of {@code auto}
 * with its reason, and so is one that fails its trial frame; forced, a backend that cannot start is
 * an error. The CPU backend always takes part, so there is always a choice.
 *
 * <p>A chosen GL backend is released from the calling thread, for the layout stage's thread to take.
 */
public final class BackendSelector {

    public static final String AUTO = "auto";
    public static final String CPU = "cpu";
    public static final String GL = "gl";
    public static final String GL_PIPELINED = "gl-pipelined";

    static final int TRIAL_WARM_UP = 5;
    static final int TRIAL_FRAMES = 15;

    /** A backend under trial: its name, the layout or raster, and its GL side if it has one. */
    private record Trial<T>(String name, T backend, GlOffscreen gl) {
    }

    private BackendSelector() {
    }

    /** How the points of {@code layout} are rastered. */
    public static BackendChoice<FrameRaster> points(String setting, PointsLayout layout) {
        return choose(setting, new PointRaster(layout), readBack -> new GlPointRaster(layout, readBack), () -> {
            MemorySegment slot = pointTrialSlot(layout);
            return raster -> raster.draw(slot);
        });
    }

    /** How a {@code width} x {@code height} field, at {@code payloadOffset} in compute frames, is laid out. */
    public static BackendChoice<FrameLayout> field(String setting, long payloadOffset, int width, int height,
                                                   boolean rowZeroAtBottom, FieldStyle style) {
        return choose(setting, new FieldLayout(payloadOffset, width, height, rowZeroAtBottom, style),
                readBack -> new GlFieldLayout(payloadOffset, width, height, rowZeroAtBottom, style, readBack), () -> {
                    long cells = (long) width * height;
                    Arena arena = Arena.ofAuto();
                    MemorySegment frame = arena.allocate(payloadOffset + 4 * cells, 64);
                    SplittableRandom random = new SplittableRandom(1);
                    for (long i = 0; i < cells; i++) {
                        frame.set(ValueLayout.JAVA_FLOAT, payloadOffset + 4 * i, (float) Math.exp(random.nextGaussian() * 2));
                    }
                    MemorySegment slot = arena.allocate(LayoutFrame.slotBytes(cells, 0), 64);
                    return layout -> layout.layOut(frame, slot);
                });
    }

    /**
     * @param newGl makes a GL backend (a {@link GlOffscreen}) that is not open yet
     * @param trialFrame makes the trial's data (only when {@code auto} asks for trials) and what draws
     *     one trial frame with a backend
     */
    private static <T> BackendChoice<T> choose(String setting, T cpu, Function<ReadBack, T> newGl,
                                               Supplier<Consumer<T>> trialFrame) {
        switch (setting) {
            case CPU -> {
                return new BackendChoice<>(cpu, CPU, "chosen in settings");
            }
            case GL, GL_PIPELINED -> {
                try {
                    Trial<T> gl = openGl(setting, newGl);
                    gl.gl().release();
                    return new BackendChoice<>(gl.backend(), setting, "chosen in settings");
                } catch (GlUnavailableException e) {
                    throw new IllegalArgumentException("the " + setting + " backend was asked for but cannot start: "
                            + e.getMessage(), e);
                }
            }
            case AUTO -> {
                return measure(cpu, newGl, trialFrame.get());
            }
            default -> throw new IllegalArgumentException(
                    "render backend must be auto, cpu, gl or gl-pipelined, was '" + setting + "'");
        }
    }

    private static <T> Trial<T> openGl(String name, Function<ReadBack, T> newGl) throws GlUnavailableException {
        T backend = newGl.apply(name.equals(GL) ? ReadBack.DIRECT : ReadBack.PIPELINED);
        GlOffscreen gl = (GlOffscreen) backend;
        try {
            gl.open();
        } catch (GlUnavailableException e) {
            gl.close();
            throw e;
        }
        return new Trial<>(name, backend, gl);
    }

    private static <T> BackendChoice<T> measure(T cpu, Function<ReadBack, T> newGl, Consumer<T> trialFrame) {
        List<Trial<T>> trials = new ArrayList<>();
        trials.add(new Trial<>(CPU, cpu, null));
        String unavailable = "";
        for (String name : List.of(GL, GL_PIPELINED)) {
            try {
                trials.add(openGl(name, newGl));
            } catch (GlUnavailableException e) {
                unavailable = "; OpenGL unavailable: " + e.getMessage();
            }
        }
        Trial<T> best = null;
        double bestMillis = Double.POSITIVE_INFINITY;
        StringBuilder figures = new StringBuilder("fastest on a trial frame:");
        for (Trial<T> trial : trials) {
            double millis;
            try {
                millis = medianMillis(() -> trialFrame.accept(trial.backend()));
            } catch (RuntimeException e) {
                // A backend that fails its trial is left out, saying why; the others still compete.
                figures.append(" ").append(trial.name()).append(" failed (").append(e.getMessage()).append(")");
                continue;
            }
            figures.append(String.format(Locale.ROOT, " %s %.2f ms", trial.name(), millis));
            if (millis < bestMillis) {
                best = trial;
                bestMillis = millis;
            }
        }
        for (Trial<T> trial : trials) {
            if (trial.gl() != null) {
                if (trial == best) {
                    trial.gl().release();
                } else {
                    trial.gl().close();
                }
            }
        }
        return new BackendChoice<>(best.backend(), best.name(), figures + unavailable);
    }

    /** A slot with the view's items spread over its surface, as a layout would leave it. */
    private static MemorySegment pointTrialSlot(PointsLayout layout) {
        long size = layout.surfaceSize();
        int width = (int) (size >>> 32);
        int height = (int) size;
        long itemsOffset = layout.itemsOffset();
        MemorySegment slot = Arena.ofAuto().allocate(itemsOffset + ProjectedItem.BYTES * layout.items(), 64);
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

    private static double medianMillis(Runnable frame) {
        for (int i = 0; i < TRIAL_WARM_UP; i++) {
            frame.run();
        }
        long[] nanos = new long[TRIAL_FRAMES];
        for (int i = 0; i < TRIAL_FRAMES; i++) {
            long start = System.nanoTime();
            frame.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[TRIAL_FRAMES / 2] / 1e6;
    }
}
