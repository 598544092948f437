package org.orrery.servo.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.orrery.servo.SyntheticFrames;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.servo.points.PointFormat;
import org.orrery.servo.points.PointRaster;
import org.orrery.servo.points.PointsLayout;
import org.orrery.servo.surface.Fx;
import org.orrery.servo.surface.ViewRig;

/** Orbit, pan, zoom, reset and picking on a point view, through mouse events on the surface. */
class PointInteractionTest {

    private static final int W = 400;
    private static final int H = 300;
    private static final OrbitCamera HOME = new OrbitCamera(0, 0, 0, -90, 0, 5, 40); // eye on -y

    private PointsLayout layout() {
        return SyntheticFrames.nbodyView(3, W, H, HOME);
    }

    /** Three bodies on the x axis: at -1 still, at 0 with speed 5, at +1 with speed 2. */
    private static void bodies(MemorySegment frame) {
        float[][] items = {{-1, 0, 0, 1, 0, 0, 0}, {0, 0, 0, 1, 3, 4, 0}, {1, 0, 0, 1, 0, 2, 0}};
        for (int i = 0; i < items.length; i++) {
            for (int lane = 0; lane < 8; lane++) {
                frame.set(ValueLayout.JAVA_FLOAT, 32L * i + 4L * lane, lane < items[i].length ? items[i][lane] : 0);
            }
        }
    }

    @Test
    void dragOrbitsShiftDragPansScrollZoomsAndDoubleClickResets() throws Exception {
        PointsLayout layout = layout();
        try (ViewRig rig = new ViewRig(32L * 3, LayoutFrame.slotBytes((long) W * H, 3), W, H)) {
            Fx.run(() -> {
                rig.surface.setSizeListener(layout::setSurfaceSize);
                OrbitControls.install(rig.surface, layout);
            });
            rig.publishCompute(PointInteractionTest::bodies);
            rig.layOut(layout, new PointRaster(layout));
            Fx.run(rig.surface::present);

            Fx.run(() -> {
                Pointer.press(rig.surface, MouseButton.PRIMARY, 100, 100, false);
                Pointer.drag(rig.surface, MouseButton.PRIMARY, 130, 110, false);
            });
            assertThat(layout.camera().yaw()).isCloseTo(HOME.yaw() - 30 * 0.3, within(1e-9));
            assertThat(layout.camera().pitch()).isCloseTo(HOME.pitch() + 10 * 0.3, within(1e-9));

            Fx.run(() -> Pointer.doubleClick(rig.surface, 5, 5));
            assertThat(layout.camera()).isEqualTo(HOME);

            Fx.run(() -> {
                Pointer.press(rig.surface, MouseButton.PRIMARY, 100, 100, true);
                Pointer.drag(rig.surface, MouseButton.PRIMARY, 140, 100, true);
            });
            assertThat(layout.camera().yaw()).as("a pan does not turn").isEqualTo(HOME.yaw());
            assertThat(layout.camera().targetX()).as("dragging right moves the target left").isNegative();

            Fx.run(() -> Pointer.doubleClick(rig.surface, 5, 5));
            Fx.run(() -> Pointer.scroll(rig.surface, W / 2.0, H / 2.0, 40));
            assertThat(layout.camera().distance()).isCloseTo(HOME.distance() * Math.exp(-0.1), within(1e-9));
            assertThat(layout.camera().targetX()).as("zooming at the centre keeps the target").isCloseTo(0, within(1e-9));
        }
    }

    @Test
    void hoverNamesTheNearestBodyAndItsSpeed() throws Exception {
        PointsLayout layout = layout();
        try (ViewRig rig = new ViewRig(32L * 3, LayoutFrame.slotBytes((long) W * H, 3), W, H)) {
            rig.publishCompute(PointInteractionTest::bodies);
            rig.layOut(layout, new PointRaster(layout));
            Fx.run(() -> {
                rig.surface.present();
                HoverReadout.install(rig.surface, new PointPicker(rig.layout, rig.compute, 0, layout, PointFormat.NBODY));
            });
            double unit = HOME.focal(W, H) / 5; // pixels per world unit at the target's depth
            Fx.run(() -> Pointer.move(rig.surface, W / 2.0 + 2, H / 2.0 - 1));
            assertThat(Fx.call(rig.surface::readoutText)).isEqualTo("item 1  speed 5");
            Fx.run(() -> Pointer.move(rig.surface, W / 2.0 + unit - 3, H / 2.0));
            assertThat(Fx.call(rig.surface::readoutText)).isEqualTo("item 2  speed 2");
            Fx.run(() -> Pointer.move(rig.surface, W / 2.0 + unit / 2, H / 2.0 + 40));
            assertThat(Fx.call(rig.surface::readoutText)).as("nothing within reach").isNull();
        }
    }
}
