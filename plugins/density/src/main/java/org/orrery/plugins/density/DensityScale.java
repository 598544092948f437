package org.orrery.plugins.density;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Turns a density grid (summed weights, as the kernel writes it) into brightness from 0 to 1 for
 * the colour map, by one of three scales. Density data is heavy-tailed: a few cells (a station,
 * an airport) hold orders of magnitude more than the rest, so a linear scale shows those cells
 * and little else, a log scale shows the structure, and histogram equalisation spreads the cells
 * evenly over the colour map. Empty cells stay 0 in every scale.
 *
 * <p>One instance per thread: it keeps its histogram between calls, so scaling allocates nothing.
 */
public final class DensityScale {

    /** How densities map to brightness. */
    public enum Kind {
        /** density / the grid's largest density */
        LINEAR,
        /** log(1 + density) / log(1 + the largest) */
        LOG,
        /**
         * The share of non-empty cells with at most this density, from a histogram of
         * {@link #BINS} logarithmic bins between the smallest and largest density.
         */
        EQUALISED
    }

    static final int BINS = 4096;
    private final int[] histogram = new int[BINS];

    /**
     * Scales {@code cells} f32 densities at {@code from} (offset {@code fromOffset}) into {@code to}
     * (offset {@code toOffset}, f32 from 0 to 1). The two may be the same memory.
     */
    public void apply(Kind kind, MemorySegment from, long fromOffset, int cells, MemorySegment to, long toOffset) {
        float max = 0;
        float minPositive = Float.MAX_VALUE;
        int nonEmpty = 0;
        for (int i = 0; i < cells; i++) {
            float v = from.get(ValueLayout.JAVA_FLOAT, fromOffset + 4L * i);
            if (v > 0) {
                max = Math.max(max, v);
                minPositive = Math.min(minPositive, v);
                nonEmpty++;
            }
        }
        if (nonEmpty == 0) {
            to.asSlice(toOffset, 4L * cells).fill((byte) 0);
            return;
        }
        switch (kind) {
            case LINEAR -> {
                for (int i = 0; i < cells; i++) {
                    float v = from.get(ValueLayout.JAVA_FLOAT, fromOffset + 4L * i);
                    to.set(ValueLayout.JAVA_FLOAT, toOffset + 4L * i, v > 0 ? v / max : 0);
                }
            }
            case LOG -> {
                double top = Math.log1p(max);
                for (int i = 0; i < cells; i++) {
                    float v = from.get(ValueLayout.JAVA_FLOAT, fromOffset + 4L * i);
                    to.set(ValueLayout.JAVA_FLOAT, toOffset + 4L * i, v > 0 ? (float) (Math.log1p(v) / top) : 0);
                }
            }
            case EQUALISED -> equalise(from, fromOffset, cells, to, toOffset, minPositive, max, nonEmpty);
        }
    }

    private void equalise(MemorySegment from, long fromOffset, int cells, MemorySegment to, long toOffset,
                          float minPositive, float max, int nonEmpty) {
        java.util.Arrays.fill(histogram, 0);
        double low = Math.log(minPositive);
        double binsPerLog = max > minPositive ? (BINS - 1) / (Math.log(max) - low) : 0;
        for (int i = 0; i < cells; i++) {
            float v = from.get(ValueLayout.JAVA_FLOAT, fromOffset + 4L * i);
            if (v > 0) {
                histogram[bin(v, low, binsPerLog)]++;
            }
        }
        for (int b = 1; b < BINS; b++) {
            histogram[b] += histogram[b - 1]; // now: non-empty cells in this bin or below
        }
        for (int i = 0; i < cells; i++) {
            float v = from.get(ValueLayout.JAVA_FLOAT, fromOffset + 4L * i);
            to.set(ValueLayout.JAVA_FLOAT, toOffset + 4L * i,
                    v > 0 ? (float) histogram[bin(v, low, binsPerLog)] / nonEmpty : 0);
        }
    }

    private static int bin(float v, double low, double binsPerLog) {
        return Math.min(BINS - 1, Math.max(0, (int) ((Math.log(v) - low) * binsPerLog)));
    }
}
