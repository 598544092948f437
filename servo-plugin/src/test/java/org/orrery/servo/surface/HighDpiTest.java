package org.orrery.servo.surface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.orrery.servo.SyntheticFrames;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.servo.points.PointFormat;
import org.orrery.servo.points.PointRaster;
import org.orrery.servo.points.PointsLayout;

/** On a screen that renders at a higher scale, views are laid out at the device resolution. */
class HighDpiTest {

    @Test
    void aPointViewFollowsTheWindowsRenderScale() throws Exception {
        int w = 300;
        int h = 200;
        PointsLayout layout = new PointsLayout(0, 1024, PointFormat.NBODY, 4L * w * h, // room for twice the scale
                new OrbitCamera(0, 0, 0, 0, 30, 3, 45), SyntheticFrames.BY_SPEED, w, h);
        try (ViewRig rig = new ViewRig(32L * 1024, LayoutFrame.slotBytes(4L * w * h, 1024), w, h)) {
            Stage stage = Fx.call(() -> {
                Stage s = new Stage();
                s.setScene(new Scene(new StackPane(rig.surface), w, h));
                rig.surface.setSizeListener(layout::setSurfaceSize);
                s.show();
                return s;
            });
            try {
                Fx.run(() -> stage.getScene().getRoot().layout());
                assertThat(Fx.call(rig.surface::pixelWidth)).isEqualTo((int) Math.round(w * stage.getRenderScaleX()));
                Fx.run(() -> {
                    stage.setRenderScaleX(2);
                    stage.getScene().getRoot().layout();
                });
                assertThat(Fx.call(rig.surface::pixelWidth)).isEqualTo(2 * w);
                assertThat(layout.surfaceSize() >>> 32).as("the layout follows").isEqualTo(2L * w);
                rig.publishCompute(frame -> SyntheticFrames.disc(frame, 0, 1024));
                rig.layOut(layout, new PointRaster(layout));
                Fx.run(() -> {
                    rig.surface.present();
                    stage.getScene().getRoot().layout();
                });
                assertThat(Fx.call(() -> rig.surface.frameBounds().getWidth())).as("drawn in the same layout area").isEqualTo(w);
            } finally {
                Fx.run(stage::close);
            }
        }
    }
    @Test
    void aFittedFieldIsDrawnAtWholeDevicePixelsAtAFractionalScale() throws Exception {
        int cellsWide = 64;
        int cellsHigh = 48;
        int w = 301;
        int h = 201;
        int[] told = new int[2];
        try (ViewRig rig = new ViewRig(4L * cellsWide * cellsHigh, LayoutFrame.slotBytes(4L * w * h, 0), w, h)) {
            Stage stage = Fx.call(() -> {
                Stage s = new Stage();
                s.setScene(new Scene(new StackPane(rig.surface), w, h));
                rig.surface.setKeepAspect(true);
                rig.surface.fitFrames(cellsWide, cellsHigh, (pw, ph, view) -> {
                    told[0] = pw;
                    told[1] = ph;
                });
                s.show();
                return s;
            });
            try {
                Fx.run(() -> {
                    stage.setRenderScaleX(1.5);
                    stage.setRenderScaleY(1.5);
                    stage.getScene().getRoot().layout();
                });
                // A 4:3 field in a wider surface: as tall as the surface, in whole device pixels.
                double tall = Fx.call(rig.surface::getHeight) * 1.5;
                int pw = (int) Math.floor(tall * 4 / 3);
                int ph = (int) Math.floor(tall);
                assertThat(tall * 4 / 3).as("a size that is not whole device pixels").isNotEqualTo(pw);
                assertThat(told).containsExactly(pw, ph);
                Rectangle2D bounds = Fx.call(rig.surface::frameBounds);
                assertThat(bounds.getWidth() * 1.5).as("drawn 1:1").isCloseTo(pw, within(1e-9));
                assertThat(bounds.getHeight() * 1.5).isCloseTo(ph, within(1e-9));
            } finally {
                Fx.run(stage::close);
            }
        }
    }
}
