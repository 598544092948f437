package org.orrery.servo.points;

/**
 * A perspective camera that orbits a target point, z up: the eye sits {@code distance} from the
 * target, turned {@code yaw} degrees about z and raised {@code pitch} degrees above the xy plane.
 * Immutable: the FX thread makes a new one per input event and hands it to the layout stage.
 *
 * @param fov field of view in degrees across the surface's shorter side (its height, unless the
 *     surface stands taller than wide), so that a scene framed in a wide view stays whole in a
 *     tall one
 */
public record OrbitCamera(double targetX, double targetY, double targetZ, double yaw, double pitch,
                          double distance, double fov) {

    /** Degrees the camera turns per pixel dragged. */
    static final double DEGREES_PER_PIXEL = 0.3;
    private static final double MAX_PITCH = 89;

    public OrbitCamera {
        if (!(distance > 0) || Double.isInfinite(distance)) {
            throw new IllegalArgumentException("camera distance must be positive and finite, is " + distance);
        }
        if (!(fov > 0 && fov < 180)) {
            throw new IllegalArgumentException("field of view must be between 0 and 180 degrees, is " + fov);
        }
    }

    /** Focal length in pixels for a surface of {@code width x height} pixels. */
    public double focal(int width, int height) {
        return Math.min(width, height) / 2.0 / Math.tan(Math.toRadians(fov) / 2);
    }

    /** Turned by a drag of {@code dx}, {@code dy} pixels; pitch stops short of the poles. */
    public OrbitCamera orbit(double dx, double dy) {
        double newPitch = Math.clamp(pitch + dy * DEGREES_PER_PIXEL, -MAX_PITCH, MAX_PITCH);
        return new OrbitCamera(targetX, targetY, targetZ, yaw - dx * DEGREES_PER_PIXEL, newPitch, distance, fov);
    }

    /**
     * Moved by a drag of {@code dx}, {@code dy} pixels on a {@code width x height} surface, so that
     * the target plane follows the pointer.
     */
    public OrbitCamera pan(double dx, double dy, int width, int height) {
        double perPixel = distance / focal(width, height);
        double[] b = basis();
        double rx = -dx * perPixel;
        double uy = dy * perPixel;
        return new OrbitCamera(targetX + b[0] * rx + b[3] * uy, targetY + b[1] * rx + b[4] * uy,
                targetZ + b[2] * rx + b[5] * uy, yaw, pitch, distance, fov);
    }

    /**
     * Moved {@code factor} times as far from the point under the pointer at ({@code px},
     * {@code py}) on a {@code width} x {@code height} surface, on the target's plane: that point
     * stays under the pointer. A factor below 1 zooms in.
     */
    public OrbitCamera zoomAbout(double factor, double px, double py, int width, int height) {
        double perPixel = distance / focal(width, height);
        double[] b = basis();
        double right = (px - width / 2.0) * perPixel;
        double up = (height / 2.0 - py) * perPixel;
        double ux = targetX + b[0] * right + b[3] * up;
        double uy = targetY + b[1] * right + b[4] * up;
        double uz = targetZ + b[2] * right + b[5] * up;
        return new OrbitCamera(ux + (targetX - ux) * factor, uy + (targetY - uy) * factor, uz + (targetZ - uz) * factor,
                yaw, pitch, distance * factor, fov);
    }

    /**
     * The camera's axes as nine numbers: right (x, y, z), up (x, y, z), forward (x, y, z). Forward
     * points from the eye to the target.
     */
    public double[] basis() {
        double[] b = new double[9];
        basis(b);
        return b;
    }

    /** Writes {@link #basis()} into {@code b}, allocating nothing. */
    public void basis(double[] b) {
        double y = Math.toRadians(yaw);
        double p = Math.toRadians(pitch);
        double cp = Math.cos(p);
        double fx = -cp * Math.cos(y);
        double fy = -cp * Math.sin(y);
        double fz = -Math.sin(p);
        // right = forward x z-up, normalised; up = right x forward
        double rx = -Math.sin(y);
        double ry = Math.cos(y);
        b[0] = rx;
        b[1] = ry;
        b[2] = 0;
        b[3] = ry * fz;
        b[4] = -rx * fz;
        b[5] = rx * fy - ry * fx;
        b[6] = fx;
        b[7] = fy;
        b[8] = fz;
    }

    /** The eye's position: the target moved back along forward by the distance. */
    public double eyeX() {
        return targetX + Math.cos(Math.toRadians(pitch)) * Math.cos(Math.toRadians(yaw)) * distance;
    }

    public double eyeY() {
        return targetY + Math.cos(Math.toRadians(pitch)) * Math.sin(Math.toRadians(yaw)) * distance;
    }

    public double eyeZ() {
        return targetZ + Math.sin(Math.toRadians(pitch)) * distance;
    }
}
