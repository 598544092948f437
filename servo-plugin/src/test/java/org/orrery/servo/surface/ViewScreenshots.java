package org.orrery.servo.surface;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.orrery.servo.SyntheticFrames;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;
import org.orrery.servo.layout.FieldLayout;
import org.orrery.servo.layout.FrameLayout;
import org.orrery.servo.layout.FrameRaster;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.servo.points.PointFormat;
import org.orrery.servo.points.PointRaster;
import org.orrery.servo.points.PointStyle;
import org.orrery.servo.points.PointsLayout;

/**
 * Screenshots of each view with its colour bar, headless, for the docs. Skipped unless asked for:
 * {@code ./mvnw -pl servo-plugin test -Dtest=ViewScreenshots -Dorrery.screenshots=../docs/servo}
 */
class ViewScreenshots {

    private static final int W = 960;
    private static final int H = 540;

    @Test
    void writeScreenshots() throws Exception {
        String dir = System.getProperty("orrery.screenshots");
        Assumptions.assumeTrue(dir != null, "screenshots only when -Dorrery.screenshots=DIR is given");
        Path out = Path.of(dir);

        int side = 512;
        shoot(out.resolve("heat.png"), 4L * side * side, LayoutFrame.slotBytes((long) side * side, 0),
                frame -> SyntheticFrames.heatField(frame, 0, side, side),
                new FieldLayout(0, side, side, false, FieldStyle.auto(ColourMap.COOL_WARM, ValueScale.LINEAR, false)),
                null, ColourMap.COOL_WARM, "°C", true);
        int gw = 768;
        int gh = 512;
        for (ValueScale scale : ValueScale.values()) {
            shoot(out.resolve("density-" + scale.label() + ".png"), 4L * gw * gh, LayoutFrame.slotBytes((long) gw * gh, 0),
                    frame -> SyntheticFrames.densityGrid(frame, 0, gw, gh),
                    new FieldLayout(0, gw, gh, true, FieldStyle.auto(ColourMap.MAGMA, scale, true)),
                    null, ColourMap.MAGMA, "points", true);
        }
        int n = 16_384;
        int sw = W - 88;
        PointStyle style = new PointStyle(PointStyle.ColourBy.SPEED, 0, FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false), 1);
        PointsLayout points = new PointsLayout(0, n, PointFormat.NBODY, (long) sw * H,
                new OrbitCamera(0, 0, 0, -60, 35, 3.0, 40), style, sw, H);
        shoot(out.resolve("nbody.png"), 32L * n, LayoutFrame.slotBytes((long) sw * H, n),
                frame -> SyntheticFrames.disc(frame, 0, n), points, new PointRaster(points), ColourMap.VIRIDIS, "speed", false);
    }

    private static void shoot(Path file, long computeBytes, long layoutBytes, java.util.function.Consumer<java.lang.foreign.MemorySegment> fill,
                              FrameLayout layout, FrameRaster raster, ColourMap map, String unit, boolean keepAspect) throws Exception {
        try (ViewRig rig = new ViewRig(computeBytes, layoutBytes, 16, 16)) {
            ColourBar bar = Fx.call(() -> new ColourBar(map, unit));
            Scene scene = Fx.call(() -> {
                HBox root = new HBox(rig.surface, bar);
                HBox.setHgrow(rig.surface, Priority.ALWAYS);
                root.setStyle("-fx-background-color: #101317;");
                rig.surface.setKeepAspect(keepAspect);
                rig.surface.setFrameListener((slot, now) -> bar.show(slot, Long.MAX_VALUE / 2));
                Scene s = new Scene(root, W, H);
                root.applyCss();
                root.layout();
                return s;
            });
            rig.publishCompute(fill);
            rig.layOut(layout, raster);
            int[] argb = Fx.call(() -> {
                rig.surface.present();
                scene.getRoot().layout();
                WritableImage image = scene.snapshot(null);
                int[] pixels = new int[W * H];
                image.getPixelReader().getPixels(0, 0, W, H, PixelFormat.getIntArgbInstance(), pixels, 0, W);
                return pixels;
            });
            assertThat(Arrays.stream(argb).distinct().count()).as("%s shows more than a background", file).isGreaterThan(100);
            assertThat(bar.tickCount()).isPositive();
            GoldenImage.write(file, argb, W, H);
        }
    }
}
