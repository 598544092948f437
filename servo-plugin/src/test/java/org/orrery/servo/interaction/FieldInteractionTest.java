package org.orrery.servo.interaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;
import org.orrery.servo.layout.FieldLayout;
import org.orrery.servo.layout.FittedLayout;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.surface.Fx;
import org.orrery.servo.surface.ViewRig;

/** Pan, zoom and picking on a field view, through mouse events on the surface. */
class FieldInteractionTest {

    private static final int GW = 200;
    private static final int GH = 100;
    private static final int W = 400;
    private static final int H = 200;

    /** A grid whose cell (x, y) holds 1000 y + x, so a read names its cell. */
    private static void numbered(MemorySegment frame) {
        for (int y = 0; y < GH; y++) {
            for (int x = 0; x < GW; x++) {
                frame.set(ValueLayout.JAVA_FLOAT, 4L * (y * GW + x), 1000f * y + x);
            }
        }
    }

    private ViewRig rig(boolean rowZeroAtBottom) throws Exception {
        ViewRig rig = new ViewRig(4L * GW * GH, LayoutFrame.slotBytes((long) GW * GH, 0), W, H);
        FieldLayout layout = new FieldLayout(0, GW, GH, rowZeroAtBottom, FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false));
        rig.publishCompute(FieldInteractionTest::numbered);
        rig.layOut(layout, null);
        Fx.run(() -> {
            rig.surface.setKeepAspect(true);
            rig.surface.present();
            rig.scene.getRoot().layout();
        });
        return rig;
    }

    @Test
    void scrollZoomsAboutThePointerAndDragPans() throws Exception {
        try (ViewRig rig = rig(false)) {
            PanZoomControls controls = Fx.call(() -> PanZoomControls.install(rig.surface, GW, GH, MouseButton.PRIMARY));
            Point2D before = Fx.call(() -> rig.surface.toFramePixel(300, 60));
            Fx.run(() -> Pointer.scroll(rig.surface, 300, 60, 120)); // three notches in
            Rectangle2D zoomed = controls.view();
            assertThat(zoomed.getWidth()).isLessThan(GW);
            assertThat(zoomed.getWidth() / zoomed.getHeight()).isCloseTo(2.0, within(1e-9));
            Point2D after = Fx.call(() -> rig.surface.toFramePixel(300, 60));
            assertThat(after.getX()).isCloseTo(before.getX(), within(1e-6));
            assertThat(after.getY()).isCloseTo(before.getY(), within(1e-6));

            Fx.run(() -> {
                Pointer.press(rig.surface, MouseButton.PRIMARY, 200, 100, false);
                Pointer.drag(rig.surface, MouseButton.PRIMARY, 240, 100, false);
            });
            double cellsPerPixel = zoomed.getWidth() / W;
            assertThat(controls.view().getMinX()).isCloseTo(zoomed.getMinX() - 40 * cellsPerPixel, within(1e-9));

            Fx.run(() -> Pointer.scroll(rig.surface, 300, 60, -100_000)); // far out: stops at the whole field
            assertThat(controls.view()).isEqualTo(new Rectangle2D(0, 0, GW, GH));
            Fx.run(() -> Pointer.scroll(rig.surface, 300, 60, 100_000)); // far in: stops at a few cells
            assertThat(controls.view().getHeight()).isCloseTo(PanZoomControls.MIN_CELLS, within(1e-9));
            Fx.run(() -> Pointer.doubleClick(rig.surface, 10, 10));
            assertThat(controls.view()).isEqualTo(new Rectangle2D(0, 0, GW, GH));
        }
    }

    @Test
    void aFittedSurfaceDrawsFramesOneToOneAndEachPixelIsTheCellThePointerThereNames() throws Exception {
        FieldLayout cells = new FieldLayout(0, GW, GH, false, FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false));
        FittedLayout fitted = new FittedLayout(cells, GW, GH);
        try (ViewRig rig = new ViewRig(4L * GW * GH, LayoutFrame.slotBytes((long) W * H, 0), W, H)) {
            // Neighbouring cells differ by 7 or 13 of 256 colour steps, so a pixel off by a cell shows.
            rig.publishCompute(frame -> {
                for (int y = 0; y < GH; y++) {
                    for (int x = 0; x < GW; x++) {
                        frame.set(ValueLayout.JAVA_FLOAT, 4L * (y * GW + x), (7 * x + 13 * y) % 256);
                    }
                }
            });
            Fx.run(() -> {
                rig.surface.setKeepAspect(true);
                rig.surface.fitFrames(GW, GH, (w, h, view) ->
                        fitted.show(w, h, view.getMinX(), view.getMinY(), view.getWidth(), view.getHeight()));
                rig.scene.getRoot().layout();
            });
            rig.layOut(fitted, null);
            rig.presentAndSnapshot();
            PanZoomControls controls = Fx.call(() -> PanZoomControls.install(rig.surface, GW, GH, MouseButton.PRIMARY));
            Fx.run(() -> {
                Pointer.scroll(rig.surface, 300, 60, 120); // zoomed in, off centre
                rig.scene.getRoot().layout();
            });
            assertThat(controls.view().getWidth()).isLessThan(GW);
            rig.layOut(fitted, null); // as the layout stage does when the fit changes
            int[] shown = rig.presentAndSnapshot();

            Rectangle2D bounds = Fx.call(rig.surface::frameBounds);
            assertThat(LayoutFrame.width(rig.layout.front())).isEqualTo((int) bounds.getWidth()).isEqualTo(W);
            assertThat(LayoutFrame.height(rig.layout.front())).isEqualTo((int) bounds.getHeight()).isEqualTo(H);
            MemorySegment reference = Arena.ofAuto().allocate(LayoutFrame.slotBytes((long) GW * GH, 0), 64);
            cells.layOut(rig.compute.front(), reference); // one pixel per cell
            int wrong = Fx.call(() -> {
                int count = 0;
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        Point2D cell = rig.surface.toFramePixel(x + 0.5, y + 0.5);
                        int expected = reference.get(ValueLayout.JAVA_INT,
                                LayoutFrame.PIXELS + 4L * ((int) cell.getY() * GW + (int) cell.getX()));
                        count += shown[y * W + x] == expected ? 0 : 1;
                    }
                }
                return count;
            });
            assertThat(wrong).as("pixels that are not the cell named there, of %d", W * H).isZero();
        }
    }

    @Test
    void hoverShowsTheValueOfTheCellUnderThePointer() throws Exception {
        for (boolean rowZeroAtBottom : new boolean[] {false, true}) {
            try (ViewRig rig = rig(rowZeroAtBottom)) {
                Fx.run(() -> HoverReadout.install(rig.surface,
                        new FieldPicker(rig.layout, rig.compute, 0, GW, GH, rowZeroAtBottom, "°C")));
                // Surface pixel (101, 51) is frame pixel (50.5, 25.5): the frame fills 400 x 200.
                Fx.run(() -> Pointer.move(rig.surface, 101, 51));
                int row = rowZeroAtBottom ? GH - 1 - 25 : 25;
                assertThat(Fx.call(rig.surface::readoutText)).isEqualTo((row * 1000 + 50) + " °C  at (50, " + row + ")");
                Fx.run(() -> Pointer.move(rig.surface, 399, 199)); // the last cell
                int lastRow = rowZeroAtBottom ? 0 : GH - 1;
                assertThat(Fx.call(rig.surface::readoutText)).isEqualTo((lastRow * 1000 + 199) + " °C  at (199, " + lastRow + ")");
            }
        }
    }

    @Test
    void aReadOfAComputeFrameThatMovedOnShowsNothing() throws Exception {
        try (ViewRig rig = rig(false)) {
            FieldPicker picker = new FieldPicker(rig.layout, rig.compute, 0, GW, GH, false, "");
            assertThat(Fx.call(() -> picker.describe(new Point2D(3, 2)))).isEqualTo("2003  at (3, 2)");
            // The layout stage moves on to newer frames, and compute reuses the old frame's slot.
            for (int i = 0; i < 3; i++) {
                rig.publishCompute(FieldInteractionTest::numbered);
                rig.compute.acquire();
            }
            assertThat(Fx.call(() -> picker.describe(new Point2D(3, 2)))).isNull();
        }
    }
}
