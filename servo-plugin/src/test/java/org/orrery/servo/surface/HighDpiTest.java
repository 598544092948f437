package org.orrery.servo.surface;

import static org.assertj.core.api.Assertions.assertThat;

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

/** On a screen that renders at twice the scale, a point view is laid out at the device resolution. */
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
}
