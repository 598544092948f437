package org.orrery.servo.surface;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.orrery.servo.SyntheticFrames;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;
import org.orrery.servo.layout.FieldLayout;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.servo.points.PointRaster;
import org.orrery.servo.points.PointsLayout;

/** Each view drawn headless by the PixelBuffer backend at a fixed frame and camera, against a stored image. */
class ViewGoldenImageTest {

    private static final int W = 480;
    private static final int H = 320;

    @Test
    void heatField() throws Exception {
        int side = 256;
        FieldLayout layout = new FieldLayout(0, side, side, false, FieldStyle.auto(ColourMap.COOL_WARM, ValueScale.LINEAR, false));
        try (ViewRig rig = new ViewRig(4L * side * side, LayoutFrame.slotBytes((long) side * side, 0), W, H)) {
            Fx.run(() -> rig.surface.setKeepAspect(true));
            rig.publishCompute(frame -> SyntheticFrames.heatField(frame, 0, side, side));
            rig.layOut(layout, null);
            GoldenImage.check("heat", rig.presentAndSnapshot(), W, H);
            // Zoomed in on the hottest spot: the surface shows part of the same frame, no new layout.
            Fx.run(() -> rig.surface.setViewport(new Rectangle2D(110, 20, 60, 40)));
            GoldenImage.check("heat-zoomed", rig.presentAndSnapshot(), W, H);
        }
    }

    @Test
    void densityGridOnEachScale() throws Exception {
        int gw = 384;
        int gh = 256;
        FieldLayout layout = new FieldLayout(0, gw, gh, true, FieldStyle.auto(ColourMap.MAGMA, ValueScale.LINEAR, true));
        try (ViewRig rig = new ViewRig(4L * gw * gh, LayoutFrame.slotBytes((long) gw * gh, 0), W, H)) {
            Fx.run(() -> rig.surface.setKeepAspect(true));
            rig.publishCompute(frame -> SyntheticFrames.densityGrid(frame, 0, gw, gh));
            int[] previous = null;
            for (ValueScale scale : ValueScale.values()) {
                layout.setStyle(layout.style().withScale(scale));
                rig.layOut(layout, null);
                int[] pixels = rig.presentAndSnapshot();
                GoldenImage.check("density-" + scale.label(), pixels, W, H);
                if (previous != null) {
                    assertThat(pixels).as("%s differs from the scale before it", scale).isNotEqualTo(previous);
                }
                previous = pixels;
            }
        }
    }

    @Test
    void nbodyDisc() throws Exception {
        int n = 4096;
        PointsLayout layout = SyntheticFrames.nbodyView(n, W, H, new OrbitCamera(0, 0, 0, -60, 35, 3.2, 40));
        try (ViewRig rig = new ViewRig(32L * n, LayoutFrame.slotBytes((long) W * H, n), W, H)) {
            assertThat(rig.surface.pixelWidth()).isEqualTo(W);
            rig.publishCompute(frame -> SyntheticFrames.disc(frame, 0, n));
            rig.layOut(layout, new PointRaster(layout));
            GoldenImage.check("nbody", rig.presentAndSnapshot(), W, H);
            layout.setCamera(layout.camera().orbit(0, -120).zoomAbout(0.6, W * 0.7, H * 0.4, W, H));
            rig.publishCompute(frame -> SyntheticFrames.disc(frame, 0, n));
            rig.layOut(layout, new PointRaster(layout));
            GoldenImage.check("nbody-orbited", rig.presentAndSnapshot(), W, H);
        }
    }
}
