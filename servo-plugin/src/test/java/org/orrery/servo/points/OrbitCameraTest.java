package org.orrery.servo.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OrbitCameraTest {

    private static final int W = 800;
    private static final int H = 600;
    private final OrbitCamera camera = new OrbitCamera(0.2, -0.1, 0.05, 30, 25, 4, 45);

    /** Projects a world point the way PointsLayout does: pixels x, y. */
    private static double[] project(OrbitCamera c, double x, double y, double z) {
        double[] b = c.basis();
        double dx = x - c.eyeX();
        double dy = y - c.eyeY();
        double dz = z - c.eyeZ();
        double depth = dx * b[6] + dy * b[7] + dz * b[8];
        double f = c.focal(W, H);
        return new double[] {
            W / 2.0 + f * (dx * b[0] + dy * b[1] + dz * b[2]) / depth,
            H / 2.0 - f * (dx * b[3] + dy * b[4] + dz * b[5]) / depth,
        };
    }

    @Test
    void theAxesAreOrthonormalAndForwardLooksAtTheTarget() {
        double[] b = camera.basis();
        double[][] axes = {{b[0], b[1], b[2]}, {b[3], b[4], b[5]}, {b[6], b[7], b[8]}};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double dot = axes[i][0] * axes[j][0] + axes[i][1] * axes[j][1] + axes[i][2] * axes[j][2];
                assertThat(dot).isCloseTo(i == j ? 1 : 0, within(1e-12));
            }
        }
        double[] toTarget = {camera.targetX() - camera.eyeX(), camera.targetY() - camera.eyeY(), camera.targetZ() - camera.eyeZ()};
        assertThat(toTarget[0] / camera.distance()).isCloseTo(b[6], within(1e-12));
        assertThat(toTarget[2] / camera.distance()).isCloseTo(b[8], within(1e-12));
        assertThat(b[5]).as("up leans towards +z").isPositive();
        double[] centre = project(camera, camera.targetX(), camera.targetY(), camera.targetZ());
        assertThat(centre[0]).isCloseTo(W / 2.0, within(1e-9));
        assertThat(centre[1]).isCloseTo(H / 2.0, within(1e-9));
    }

    @Test
    void zoomKeepsThePointUnderThePointerInPlace() {
        double px = 620;
        double py = 150;
        // The point under the pointer on the target plane, found by panning it to the centre.
        OrbitCamera centred = camera.pan(W / 2.0 - px, H / 2.0 - py, W, H);
        double[] under = {centred.targetX(), centred.targetY(), centred.targetZ()};
        double[] before = project(camera, under[0], under[1], under[2]);
        assertThat(before[0]).isCloseTo(px, within(1e-6));
        assertThat(before[1]).isCloseTo(py, within(1e-6));
        for (double factor : new double[] {0.5, 0.8, 1.25, 3}) {
            OrbitCamera zoomed = camera.zoomAbout(factor, px, py, W, H);
            double[] after = project(zoomed, under[0], under[1], under[2]);
            assertThat(after[0]).as("x after zoom %s", factor).isCloseTo(px, within(1e-6));
            assertThat(after[1]).as("y after zoom %s", factor).isCloseTo(py, within(1e-6));
            assertThat(zoomed.distance()).isCloseTo(camera.distance() * factor, within(1e-12));
        }
    }

    @Test
    void theFieldOfViewSpansTheShorterSideSoATallViewShowsWhatAWideOneDoes() {
        assertThat(camera.focal(H, W)).as("a tall surface").isEqualTo(camera.focal(W, H));
        assertThat(camera.focal(W, H)).isCloseTo(H / 2.0 / Math.tan(Math.toRadians(camera.fov()) / 2), within(1e-9));
    }

    @Test
    void panMovesTheTargetPlaneWithThePointer() {
        OrbitCamera panned = camera.pan(40, -25, W, H);
        double[] target = project(panned, camera.targetX(), camera.targetY(), camera.targetZ());
        assertThat(target[0]).isCloseTo(W / 2.0 + 40, within(1e-6));
        assertThat(target[1]).isCloseTo(H / 2.0 - 25, within(1e-6));
    }

    @Test
    void orbitTurnsAndStopsShortOfThePoles() {
        OrbitCamera turned = camera.orbit(100, 0);
        assertThat(turned.yaw()).isCloseTo(camera.yaw() - 100 * OrbitCamera.DEGREES_PER_PIXEL, within(1e-12));
        assertThat(camera.orbit(0, 10_000).pitch()).isEqualTo(89);
        assertThat(camera.orbit(0, -10_000).pitch()).isEqualTo(-89);
    }

    @Test
    void refusesADegenerateCamera() {
        assertThatThrownBy(() -> new OrbitCamera(0, 0, 0, 0, 0, 0, 45)).hasMessageContaining("distance");
        assertThatThrownBy(() -> new OrbitCamera(0, 0, 0, 0, 0, 1, 180)).hasMessageContaining("field of view");
    }
}
