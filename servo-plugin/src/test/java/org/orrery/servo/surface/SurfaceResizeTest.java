package org.orrery.servo.surface;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import org.junit.jupiter.api.Test;
import org.orrery.servo.SyntheticFrames;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.servo.points.PointFormat;
import org.orrery.servo.points.PointRaster;
import org.orrery.servo.points.PointsLayout;

/**
 * Resizing a point view again and again: each size gets frames of that size, drawn, and nothing
 * piles up. The arena is fixed at start-up (resizing allocates no native or off-heap memory), so
 * what could leak is what a resize makes: the backend's images over the slots, and the renderer's
 * textures, which live and die with those images.
 */
class SurfaceResizeTest {

    private static final int MAX_W = 960;
    private static final int MAX_H = 720;
    private static final int RESIZES = 400;

    @Test
    void manyResizesLeakNothing() throws Exception {
        int n = 2048;
        PointsLayout layout = new PointsLayout(0, n, PointFormat.NBODY, (long) MAX_W * MAX_H,
                new OrbitCamera(0, 0, 0, 0, 40, 3, 45), SyntheticFrames.BY_SPEED, 320, 240);
        PointRaster raster = new PointRaster(layout);
        try (ViewRig rig = new ViewRig(32L * n, LayoutFrame.slotBytes((long) MAX_W * MAX_H, n), 320, 240)) {
            Fx.run(() -> rig.surface.setSizeListener(layout::setSurfaceSize));
            List<WeakReference<Image>> images = new ArrayList<>();
            for (int i = 0; i < RESIZES; i++) {
                int w = 200 + (i * 37) % (MAX_W - 200);
                int h = 150 + (i * 53) % (MAX_H - 150);
                Fx.run(() -> {
                    rig.surface.setMinSize(w, h);
                    rig.surface.setMaxSize(w, h);
                    rig.scene.getRoot().layout();
                });
                rig.publishCompute(frame -> SyntheticFrames.disc(frame, 0, n));
                rig.layOut(layout, raster);
                int[] pixels = rig.presentAndSnapshot();
                assertThat(pixels).as("frame %d is drawn at the new size", i).hasSize(w * h);
                images.addAll(Fx.call(() -> rig.surface.getChildrenUnmodifiable().stream()
                        .filter(node -> node instanceof ImageView)
                        .map(node -> new WeakReference<>(((ImageView) node).getImage())).toList()));

            }
            collectGarbage();
            // The three slots' images of the last size may live on (the surface shows one, the
            // renderer may still hold the one before); those of every earlier size must be gone,
            // and with them the renderer's textures for them.
            long alive = images.stream().filter(ref -> ref.get() != null).count();
            assertThat(images).hasSize(3 * RESIZES);
            assertThat(alive).as("images still reachable after %d resizes", RESIZES).isLessThanOrEqualTo(6);
        }
    }

    private static void collectGarbage() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
    }
}
