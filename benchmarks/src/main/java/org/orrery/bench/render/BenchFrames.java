package org.orrery.bench.render;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

/** The compute frames the renderer benchmarks draw, seeded, the same every run. */
final class BenchFrames {

    private BenchFrames() {
    }

    /** {@code n} nbody items (x, y, z, mass, vx, vy, vz, 0) in a thin disc, circling faster near the middle. */
    static void disc(MemorySegment frame, int n) {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            double r = 0.05 + 0.95 * Math.sqrt(random.nextDouble());
            double a = random.nextDouble() * 2 * Math.PI;
            double speed = 0.4 / Math.sqrt(r);
            float[] item = {(float) (r * Math.cos(a)), (float) (r * Math.sin(a)), (float) (random.nextGaussian() * 0.02),
                1f / n, (float) (-speed * Math.sin(a)), (float) (speed * Math.cos(a)), 0, 0};
            for (int lane = 0; lane < item.length; lane++) {
                frame.set(ValueLayout.JAVA_FLOAT, 32L * i + 4L * lane, item[lane]);
            }
        }
    }

    /** {@code cells} values of heavy-tailed (log-normal) noise, so the three colour scales differ. */
    static void logNormalField(MemorySegment frame, int cells) {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < cells; i++) {
            frame.set(ValueLayout.JAVA_FLOAT, 4L * i, (float) Math.exp(random.nextGaussian() * 2));
        }
    }
}
