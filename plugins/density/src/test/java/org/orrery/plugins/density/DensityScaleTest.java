package org.orrery.plugins.density;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.sun.management.ThreadMXBean;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DensityScaleTest {

    private static MemorySegment grid(Arena arena, float... values) {
        MemorySegment g = arena.allocate(4L * values.length, 16);
        MemorySegment.copy(values, 0, g, ValueLayout.JAVA_FLOAT, 0, values.length);
        return g;
    }

    private static float[] scaled(DensityScale.Kind kind, float... values) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment g = grid(arena, values);
            MemorySegment out = arena.allocate(4L * values.length, 16);
            new DensityScale().apply(kind, g, 0, values.length, out, 0);
            return out.toArray(ValueLayout.JAVA_FLOAT);
        }
    }

    @Test
    void linearAndLogScalesDivideByTheLargestAndKeepEmptyCellsDark() {
        assertThat(scaled(DensityScale.Kind.LINEAR, 0, 1, 2, 4)).containsExactly(0f, 0.25f, 0.5f, 1f);
        float[] log = scaled(DensityScale.Kind.LOG, 0, 1, 99);
        assertThat(log[0]).isZero();
        assertThat((double) log[1]).isCloseTo(Math.log(2) / Math.log(100), offset(1e-6));
        assertThat(log[2]).isEqualTo(1f);
        assertThat(scaled(DensityScale.Kind.EQUALISED, 0, 0, 0)).containsOnly(0f);
    }

    /** Heavy-tailed densities (log-normal over five decades) come out evenly spread and in order. */
    @Test
    void equalisationSpreadsHeavyTailedDensitiesEvenlyAndKeepsTheirOrder() {
        int cells = 100_000;
        float[] values = new float[cells];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < cells; i++) {
            values[i] = i % 5 == 0 ? 0 : (float) Math.exp(random.nextGaussian() * 2.5);
        }
        float[] out = scaled(DensityScale.Kind.EQUALISED, values);
        int[] tenths = new int[10];
        int nonEmpty = 0;
        for (int i = 0; i < cells; i++) {
            if (values[i] == 0) {
                assertThat(out[i]).isZero();
                continue;
            }
            nonEmpty++;
            tenths[Math.min(9, (int) (out[i] * 10 - 1e-6f))]++;
        }
        for (int t = 0; t < 10; t++) {
            assertThat(tenths[t] / (double) nonEmpty).as("share in tenth %d", t).isCloseTo(0.1, offset(0.01));
        }
        for (int i = 1; i < cells; i++) {
            if (values[i] > 0 && values[i - 1] > 0 && values[i] > values[i - 1]) {
                assertThat(out[i]).isGreaterThanOrEqualTo(out[i - 1]);
            }
        }
        float[] linear = scaled(DensityScale.Kind.LINEAR, values);
        int dark = 0;
        for (int i = 0; i < cells; i++) {
            dark += values[i] > 0 && linear[i] < 0.01f ? 1 : 0;
        }
        assertThat(dark / (double) nonEmpty).as("why equalise: linear leaves most cells nearly black").isGreaterThan(0.9);
    }

    @Test
    void scalingAFrameAllocatesNothing() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Arena arena = Arena.ofConfined()) {
            int cells = 256 * 256;
            MemorySegment g = arena.allocate(4L * cells, 16);
            for (int i = 0; i < cells; i++) {
                g.setAtIndex(ValueLayout.JAVA_FLOAT, i, i % 7);
            }
            MemorySegment out = arena.allocate(4L * cells, 16);
            DensityScale scale = new DensityScale();
            for (int warm = 0; warm < 200; warm++) {
                for (DensityScale.Kind kind : DensityScale.Kind.values()) {
                    scale.apply(kind, g, 0, cells, out, 0);
                }
            }
            DensityScale.Kind[] kinds = DensityScale.Kind.values(); // values() copies its array
            // The least of three windows: a deoptimisation mid-window allocates once, in the interpreter.
            long least = Long.MAX_VALUE;
            for (int window = 0; window < 3 && least > 0; window++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int frame = 0; frame < 100; frame++) {
                    scale.apply(kinds[frame % kinds.length], g, 0, cells, out, 0);
                }
                least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
            }
            assertThat(least).as("bytes for 100 frames, the least of three windows").isZero();
        }
    }
}
