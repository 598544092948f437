package org.orrery.servo.gl;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.orrery.servo.SlotPixels;
import org.orrery.servo.SyntheticFrames;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;
import org.orrery.servo.layout.FieldLayout;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.servo.points.PointRaster;
import org.orrery.servo.points.PointsLayout;

/** Pipelined read-back: the first frame at once, then each slot gets the frame before it, pixels and header together. */
class PipelinedReadBackTest {

    private static final int W = 320;
    private static final int H = 200;
    private static final int N = 2048;

    private final Arena arena = Arena.ofShared();

    @Test
    void eachSlotGetsTheFrameBeforeIt() throws Exception {
        PointsLayout layout = SyntheticFrames.nbodyView(N, W, H, new OrbitCamera(0, 0, 0, 0, 30, 3, 45));
        MemorySegment frame = arena.allocate(32L * N);
        SyntheticFrames.disc(frame, 0, N);
        OrbitCamera[] cameras = {layout.camera(), layout.camera().orbit(60, 0), layout.camera().orbit(120, 10)};
        MemorySegment[] expected = new MemorySegment[cameras.length];
        for (int i = 0; i < cameras.length; i++) {
            layout.setCamera(cameras[i]);
            expected[i] = slot(layout, frame, i);
            new PointRaster(layout).draw(expected[i]);
        }
        try (GlPointRaster gl = new GlPointRaster(layout, ReadBack.PIPELINED)) {
            try {
                gl.open();
            } catch (GlUnavailableException e) {
                Assumptions.abort("no OpenGL here: " + e.getMessage());
            }
            MemorySegment[] shown = new MemorySegment[cameras.length];
            for (int i = 0; i < cameras.length; i++) {
                layout.setCamera(cameras[i]);
                shown[i] = slot(layout, frame, i);
                gl.draw(shown[i]);
            }
            assertSamePicture(shown[0], expected[0], "the first frame, shown at once");
            assertSamePicture(shown[1], expected[0], "the second slot holds the first frame");
            assertSamePicture(shown[2], expected[1], "the third slot holds the second frame");
            assertThat(shown[2].get(ValueLayout.JAVA_LONG, LayoutFrame.SOURCE)).as("and its header").isEqualTo(1L);
            assertThat(SlotPixels.sameShare(expected[1], expected[2], (long) W * H)).as("the cameras' pictures differ").isLessThan(0.9);
        }
    }

    @Test
    void aFrameDrawnBeforeAHandOverIsNotShownAfterIt() throws Exception {
        int side = 64;
        FieldStyle style = FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false);
        MemorySegment trial = arena.allocate(4L * side * side);
        MemorySegment real = arena.allocate(4L * side * side);
        SyntheticFrames.heatField(trial, 0, side, side);
        for (int i = 0; i < side * side; i++) {
            real.set(ValueLayout.JAVA_FLOAT, 4L * i, i % side); // columns, nothing like the trial field
        }
        MemorySegment expected = arena.allocate(LayoutFrame.slotBytes((long) side * side, 0));
        new FieldLayout(0, side, side, false, style).layOut(real, expected);
        MemorySegment shown = arena.allocate(LayoutFrame.slotBytes((long) side * side, 0));
        try (GlFieldLayout gl = new GlFieldLayout(0, side, side, false, style, ReadBack.PIPELINED)) {
            try {
                gl.open();
            } catch (GlUnavailableException e) {
                Assumptions.abort("no OpenGL here: " + e.getMessage());
            }
            for (int i = 0; i < 3; i++) {
                gl.layOut(trial, arena.allocate(LayoutFrame.slotBytes((long) side * side, 0))); // start-up's trial
            }
            gl.release();
            CompletableFuture.runAsync(() -> {
                gl.layOut(real, shown);
                gl.release(); // for the close here
            }, r -> Thread.ofPlatform().start(r)).get(30, TimeUnit.SECONDS);
        }
        assertThat(SlotPixels.sameShare(shown, expected, (long) side * side)).as("the layout thread's first frame is its own").isGreaterThan(0.999);
    }

    private MemorySegment slot(PointsLayout layout, MemorySegment frame, long source) {
        MemorySegment slot = arena.allocate(LayoutFrame.slotBytes((long) W * H, N));
        slot.set(ValueLayout.JAVA_LONG, LayoutFrame.SOURCE, source);
        layout.layOut(frame, slot);
        return slot;
    }

    private static void assertSamePicture(MemorySegment actual, MemorySegment expected, String what) {
        assertThat(SlotPixels.sameShare(actual, expected, (long) W * H)).as(what).isGreaterThan(0.995);
    }

}
