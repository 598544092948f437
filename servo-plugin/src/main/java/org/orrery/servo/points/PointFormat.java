package org.orrery.servo.points;

/**
 * Where a point kernel keeps each item's position and velocity: lane numbers within an item of
 * {@code lanes} f32 values (nbody: x, y, z, mass, vx, vy, vz, 0).
 *
 * @param velocityLane the first of three velocity lanes, or -1 if items have no velocity
 */
public record PointFormat(int lanes, int xLane, int yLane, int zLane, int velocityLane) {

    /** The nbody plugin's items. */
    public static final PointFormat NBODY = new PointFormat(8, 0, 1, 2, 4);

    public PointFormat {
        checkLane("x", xLane, lanes);
        checkLane("y", yLane, lanes);
        checkLane("z", zLane, lanes);
        if (velocityLane != -1) {
            checkLane("velocity", velocityLane + 2, lanes);
        }
    }

    private static void checkLane(String what, int lane, int lanes) {
        if (lane < 0 || lane >= lanes) {
            throw new IllegalArgumentException(what + " lane " + lane + " is outside an item of " + lanes + " lanes");
        }
    }

    /** Bytes per item. */
    public int stride() {
        return 4 * lanes;
    }
}
