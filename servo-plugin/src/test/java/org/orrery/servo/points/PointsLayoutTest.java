package org.orrery.servo.points;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;
import org.orrery.servo.SyntheticFrames;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldColouring;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.layout.ProjectedItem;

class PointsLayoutTest {

    private static final int W = 320;
    private static final int H = 200;
    private static final long MAX_PIXELS = 512 * 512;
    private static final PointStyle BY_SPEED = new PointStyle(PointStyle.ColourBy.SPEED, 0,
            FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false), 1);
    private static final OrbitCamera FRONT = new OrbitCamera(0, 0, 0, -90, 0, 5, 40); // eye on -y, looking along +y

    private final Arena arena = Arena.ofAuto();

    private MemorySegment bodies(float[][] items) {
        MemorySegment frame = arena.allocate(32L * items.length);
        for (int i = 0; i < items.length; i++) {
            for (int lane = 0; lane < 8; lane++) {
                frame.set(ValueLayout.JAVA_FLOAT, 32L * i + 4L * lane, lane < items[i].length ? items[i][lane] : 0);
            }
        }
        return frame;
    }

    private MemorySegment slot(int items) {
        return arena.allocate(LayoutFrame.slotBytes(MAX_PIXELS, items));
    }

    private static int pixel(MemorySegment slot, int x, int y) {
        return slot.get(ValueLayout.JAVA_INT, LayoutFrame.PIXELS + 4L * (y * W + x));
    }

    @Test
    void projectsThroughTheCameraAndColoursBySpeed() {
        MemorySegment frame = bodies(new float[][] {
            {0, 0, 0, 1, 0, 0, 0},          // at the target, still
            {0, 0, 1, 1, 3, 4, 0},          // above it, speed 5
            {0, -10, 0, 1, 1, 0, 0},        // behind the eye
        });
        PointsLayout layout = new PointsLayout(0, 3, PointFormat.NBODY, MAX_PIXELS, FRONT, BY_SPEED, W, H);
        MemorySegment slot = slot(3);
        layout.layOut(frame, slot);
        long items = layout.itemsOffset();
        assertThat(slot.get(ValueLayout.JAVA_FLOAT, items + ProjectedItem.X)).isEqualTo(W / 2f);
        assertThat(slot.get(ValueLayout.JAVA_FLOAT, items + ProjectedItem.Y)).isEqualTo(H / 2f);
        assertThat(slot.get(ValueLayout.JAVA_FLOAT, items + ProjectedItem.DEPTH)).isEqualTo(5f);
        float up = slot.get(ValueLayout.JAVA_FLOAT, items + ProjectedItem.BYTES + ProjectedItem.Y);
        assertThat(up).as("z up is up the screen").isCloseTo((float) (H / 2.0 - FRONT.focal(W, H) / 5), org.assertj.core.api.Assertions.within(1e-3f));
        assertThat(slot.get(ValueLayout.JAVA_FLOAT, items + 2 * ProjectedItem.BYTES + ProjectedItem.DEPTH)).isNaN();
        assertThat(slot.get(ValueLayout.JAVA_INT, items + ProjectedItem.COLOUR)).isEqualTo(ColourMap.VIRIDIS.pixel(0));
        assertThat(slot.get(ValueLayout.JAVA_INT, items + ProjectedItem.BYTES + ProjectedItem.COLOUR)).isEqualTo(ColourMap.VIRIDIS.pixel(255));
        assertThat(slot.get(ValueLayout.JAVA_FLOAT, LayoutFrame.HIGH)).isEqualTo(5f);
        assertThat(LayoutFrame.width(slot)).isEqualTo(W);
        assertThat(slot.get(ValueLayout.JAVA_INT, LayoutFrame.ITEMS)).isEqualTo(3);
    }

    @Test
    void theNearerOfTwoPointsOnOnePixelIsDrawnWhateverTheirOrder() {
        float[] near = {0, -1, 0, 1, 0, 0, 0};   // slow, nearer the eye
        float[] far = {0, 1, 0, 1, 5, 0, 0};     // fast, behind it on the same line of sight
        for (float[][] order : new float[][][] {{near, far}, {far, near}}) {
            PointsLayout layout = new PointsLayout(0, 2, PointFormat.NBODY, MAX_PIXELS, FRONT, BY_SPEED, W, H);
            MemorySegment slot = slot(2);
            layout.layOut(bodies(order), slot);
            new PointRaster(layout).draw(slot);
            assertThat(pixel(slot, W / 2, H / 2)).isEqualTo(ColourMap.VIRIDIS.pixel(0));
            assertThat(pixel(slot, W / 2 + 1, H / 2)).as("radius 1 covers the neighbours").isEqualTo(ColourMap.VIRIDIS.pixel(0));
            assertThat(pixel(slot, W / 2 + 3, H / 2)).isEqualTo(FieldColouring.EMPTY_PIXEL);
        }
    }

    @Test
    void theSameFrameAndCameraGiveTheSameBytes() {
        int n = 4096;
        MemorySegment frame = arena.allocate(32L * n);
        SyntheticFrames.disc(frame, 0, n);
        OrbitCamera camera = new OrbitCamera(0, 0, 0, 20, 35, 3, 45);
        MemorySegment first = slot(n);
        MemorySegment second = slot(n);
        PointsLayout a = new PointsLayout(0, n, PointFormat.NBODY, MAX_PIXELS, camera, BY_SPEED, W, H);
        a.layOut(frame, first);
        new PointRaster(a).draw(first);
        PointsLayout b = new PointsLayout(0, n, PointFormat.NBODY, MAX_PIXELS, camera.orbit(50, 0), BY_SPEED, W, H);
        b.layOut(frame, second);
        new PointRaster(b).draw(second);
        assertThat(second.mismatch(first)).as("another camera gives another frame").isNotEqualTo(-1L);
        b.setCamera(camera);
        b.layOut(frame, second);
        new PointRaster(b).draw(second);
        long used = LayoutFrame.PIXELS + 4L * W * H;
        assertThat(second.asSlice(LayoutFrame.WIDTH, used - LayoutFrame.WIDTH)
                .mismatch(first.asSlice(LayoutFrame.WIDTH, used - LayoutFrame.WIDTH))).isEqualTo(-1L);
    }

    @Test
    void aSurfaceLargerThanASlotIsLaidOutSmallerInTheSameShape() {
        PointsLayout layout = new PointsLayout(0, 1, PointFormat.NBODY, MAX_PIXELS, FRONT, BY_SPEED, 2048, 1024);
        long size = layout.surfaceSize();
        int w = (int) (size >>> 32);
        int h = (int) size;
        assertThat((long) w * h).isLessThanOrEqualTo(MAX_PIXELS);
        assertThat(w / (double) h).isCloseTo(2.0, org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void refusesAColourLaneOutsideTheItem() {
        PointStyle lane9 = new PointStyle(PointStyle.ColourBy.LANE, 9, BY_SPEED.colours(), 1);
        assertThatThrownBy(() -> new PointsLayout(0, 1, PointFormat.NBODY, MAX_PIXELS, FRONT, lane9, W, H))
                .hasMessageContaining("colour lane 9");
        PointFormat still = new PointFormat(4, 0, 1, 2, -1);
        assertThatThrownBy(() -> new PointsLayout(0, 1, still, MAX_PIXELS, FRONT, BY_SPEED, W, H))
                .hasMessageContaining("no velocity");
    }
}
