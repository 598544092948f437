package org.orrery.servo;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.servo.points.PointFormat;
import org.orrery.servo.points.PointStyle;
import org.orrery.servo.points.PointsLayout;

/**
 * Compute frames made up for tests, the same every run (a heat-like field, a density grid, an
 * nbody disc), and the point view the tests look at them with.
 */
public final class SyntheticFrames {

    private SyntheticFrames() {
    }

    /** A plate at 20 with three hot spots and one cold one, like the heat plugin after a while. */
    public static void heatField(MemorySegment frame, long offset, int width, int height) {
        double[][] spots = {{0.25, 0.3, 0.08, 480}, {0.7, 0.6, 0.12, 260}, {0.55, 0.2, 0.05, 900}, {0.2, 0.8, 0.1, -150}};
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = (x + 0.5) / width;
                double v = (y + 0.5) / height;
                double t = 20;
                for (double[] s : spots) {
                    double d2 = (u - s[0]) * (u - s[0]) + (v - s[1]) * (v - s[1]);
                    t += s[3] * Math.exp(-d2 / (2 * s[2] * s[2]));
                }
                frame.set(ValueLayout.JAVA_FLOAT, offset + 4L * ((long) y * width + x), (float) t);
            }
        }
    }

    /**
     * Counts of points per cell, heavy-tailed like a city's taxi pickups: most cells empty, a few
     * streets with tens, a couple of hubs with thousands.
     */
    public static void densityGrid(MemorySegment frame, long offset, int width, int height) {
        SplittableRandom random = new SplittableRandom(7);
        frame.asSlice(offset, 4L * width * height).fill((byte) 0);
        for (int i = 0; i < 400_000; i++) {
            double x;
            double y;
            int kind = random.nextInt(100);
            if (kind < 20) { // two hubs
                double cx = kind < 10 ? 0.3 : 0.72;
                x = cx + random.nextGaussian() * 0.01;
                y = 0.5 + random.nextGaussian() * 0.01;
            } else if (kind < 97) { // a grid of streets
                boolean vertical = random.nextBoolean();
                double street = (random.nextInt(12) + 0.5) / 12;
                double along = random.nextDouble();
                x = vertical ? street + random.nextGaussian() * 0.002 : along;
                y = vertical ? along : street + random.nextGaussian() * 0.002;
            } else { // scattered
                x = random.nextDouble();
                y = random.nextDouble();
            }
            int cx = (int) (x * width);
            int cy = (int) (y * height);
            if (cx >= 0 && cy >= 0 && cx < width && cy < height) {
                long at = offset + 4L * ((long) cy * width + cx);
                frame.set(ValueLayout.JAVA_FLOAT, at, frame.get(ValueLayout.JAVA_FLOAT, at) + 1);
            }
        }
    }

    /** Points coloured by speed on viridis, a linear scale over the frame's range, radius 1. */
    public static final PointStyle BY_SPEED = new PointStyle(PointStyle.ColourBy.SPEED, 0,
            FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false), 1);

    /** A point view of {@code n} nbody items on a {@code width} x {@code height} surface (as large as its slots hold). */
    public static PointsLayout nbodyView(int n, int width, int height, OrbitCamera camera) {
        return new PointsLayout(0, n, PointFormat.NBODY, (long) width * height, camera, BY_SPEED, width, height);
    }

    /** {@code n} nbody items in a thin disc of radius 1 in the xy plane, circling at a speed that falls with radius. */
    public static void disc(MemorySegment frame, long offset, int n) {
        SplittableRandom random = new SplittableRandom(42);
        int stride = PointFormat.NBODY.stride();
        for (int i = 0; i < n; i++) {
            double r = 0.05 + 0.95 * Math.sqrt(random.nextDouble());
            double a = random.nextDouble() * 2 * Math.PI;
            double speed = 0.4 / Math.sqrt(r);
            float[] item = {
                (float) (r * Math.cos(a)), (float) (r * Math.sin(a)), (float) (random.nextGaussian() * 0.02), 1f / n,
                (float) (-speed * Math.sin(a)), (float) (speed * Math.cos(a)), 0f, 0f,
            };
            for (int lane = 0; lane < item.length; lane++) {
                frame.set(ValueLayout.JAVA_FLOAT, offset + (long) stride * i + 4L * lane, item[lane]);
            }
        }
    }
}
