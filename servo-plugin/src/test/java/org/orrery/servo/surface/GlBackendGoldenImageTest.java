package org.orrery.servo.surface;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.orrery.servo.SyntheticFrames;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;
import org.orrery.servo.gl.GlFieldLayout;
import org.orrery.servo.gl.GlPointRaster;
import org.orrery.servo.gl.GlUnavailableException;
import org.orrery.servo.gl.ReadBack;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.servo.points.PointsLayout;

/**
 * The OpenGL backend draws each view offscreen and its frames must match the same stored images
 * as the CPU's ({@link ViewGoldenImageTest}): one expected picture, two backends. Skipped, saying
 * why, where EGL cannot make a context (no Mesa EGL installed).
 */
class GlBackendGoldenImageTest {

    private static final int W = 480;
    private static final int H = 320;

    @Test
    void nbodyDiscMatchesTheCpuRastersImages() throws Exception {
        int n = 4096;
        PointsLayout layout = SyntheticFrames.nbodyView(n, W, H, new OrbitCamera(0, 0, 0, -60, 35, 3.2, 40));
        try (GlPointRaster raster = new GlPointRaster(layout);
             ViewRig rig = new ViewRig(32L * n, LayoutFrame.slotBytes((long) W * H, n), W, H)) {
            try {
                raster.open();
            } catch (GlUnavailableException e) {
                Assumptions.abort("no OpenGL here: " + e.getMessage());
            }
            assertThat(raster.renderer()).isNotBlank();
            rig.publishCompute(frame -> SyntheticFrames.disc(frame, 0, n));
            rig.layOut(layout, raster);
            GoldenImage.check("nbody", rig.presentAndSnapshot(), W, H);
            layout.setCamera(layout.camera().orbit(0, -120).zoomAbout(0.6, W * 0.7, H * 0.4, W, H));
            rig.publishCompute(frame -> SyntheticFrames.disc(frame, 0, n));
            rig.layOut(layout, raster);
            GoldenImage.check("nbody-orbited", rig.presentAndSnapshot(), W, H);
        }
    }

    @Test
    void heatFieldMatchesTheCpuImage() throws Exception {
        int side = 256;
        try (GlFieldLayout layout = new GlFieldLayout(0, side, side, false,
                FieldStyle.auto(ColourMap.COOL_WARM, ValueScale.LINEAR, false), ReadBack.DIRECT);
             ViewRig rig = new ViewRig(4L * side * side, LayoutFrame.slotBytes((long) side * side, 0), W, H)) {
            openOrSkip(layout);
            Fx.run(() -> rig.surface.setKeepAspect(true));
            rig.publishCompute(frame -> SyntheticFrames.heatField(frame, 0, side, side));
            rig.layOut(layout, null);
            GoldenImage.check("heat", rig.presentAndSnapshot(), W, H);
        }
    }

    @Test
    void densityGridMatchesTheCpuImagesOnEachScale() throws Exception {
        int gw = 384;
        int gh = 256;
        try (GlFieldLayout layout = new GlFieldLayout(0, gw, gh, true,
                FieldStyle.auto(ColourMap.MAGMA, ValueScale.LINEAR, true), ReadBack.DIRECT);
             ViewRig rig = new ViewRig(4L * gw * gh, LayoutFrame.slotBytes((long) gw * gh, 0), W, H)) {
            openOrSkip(layout);
            Fx.run(() -> rig.surface.setKeepAspect(true));
            rig.publishCompute(frame -> SyntheticFrames.densityGrid(frame, 0, gw, gh));
            for (ValueScale scale : ValueScale.values()) {
                layout.setStyle(layout.style().withScale(scale));
                rig.layOut(layout, null);
                GoldenImage.check("density-" + scale.label(), rig.presentAndSnapshot(), W, H);
            }
        }
    }

    private static void openOrSkip(GlFieldLayout layout) {
        try {
            layout.open();
        } catch (GlUnavailableException e) {
            Assumptions.abort("no OpenGL here: " + e.getMessage());
        }
    }
}
