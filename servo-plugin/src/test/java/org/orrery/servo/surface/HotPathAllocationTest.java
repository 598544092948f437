package org.orrery.servo.surface;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import javafx.geometry.Rectangle2D;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.util.Callback;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;
import org.orrery.servo.gl.GlFieldLayout;
import org.orrery.servo.gl.GlPointRaster;
import org.orrery.servo.gl.GlUnavailableException;
import org.orrery.servo.gl.ReadBack;
import org.orrery.servo.SyntheticFrames;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;
import org.orrery.servo.layout.FieldLayout;
import org.orrery.servo.layout.FittedLayout;
import org.orrery.servo.layout.FrameLayout;
import org.orrery.servo.layout.FrameRaster;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.servo.points.PointRaster;
import org.orrery.servo.points.PointStyle;
import org.orrery.servo.points.PointsLayout;

/**
 * The layout stage and the FX pulse allocate nothing per frame: bytes allocated by the thread
 * doing the work, counted by the JVM, over many frames after a warm-up (so the JIT has compiled
 * the path, as in a running app). The one exception is inside JavaFX: {@code PixelBuffer.updateBuffer}
 * allocates about 32 bytes a call, and the pulse is allowed that and no more.
 */
class HotPathAllocationTest {

    private static final int WARM_UP = 300;
    private static final int FRAMES = 200;
    /** Measuring windows of {@link #FRAMES} frames; the least allocation of them counts. */
    private static final int WINDOWS = 3;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocatedPerFrame(Runnable frame) {
        for (int i = 0; i < WARM_UP; i++) {
            frame.run();
        }
        // The least of the windows: a recompilation or deoptimisation mid-window runs once in the
        // interpreter and allocates what compiled code scalar-replaces (a few hundred bytes, once);
        // an allocation per frame shows in every window.
        long least = Long.MAX_VALUE;
        for (int window = 0; window < WINDOWS; window++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < FRAMES; i++) {
                frame.run();
            }
            least = Math.min(least, (THREADS.getCurrentThreadAllocatedBytes() - before) / FRAMES);
        }
        return least;
    }

    @Test
    void fieldLayoutOnEveryScale() throws Exception {
        int side = 256;
        try (ViewRig rig = new ViewRig(4L * side * side, LayoutFrame.slotBytes((long) side * side, 0), 320, 320)) {
            rig.publishCompute(frame -> SyntheticFrames.heatField(frame, 0, side, side));
            for (ValueScale scale : ValueScale.values()) {
                FieldLayout layout = new FieldLayout(0, side, side, false, FieldStyle.auto(ColourMap.MAGMA, scale, false));
                assertThat(allocatedPerFrame(() -> rig.layOut(layout, null))).as(scale.label()).isZero();
            }
        }
    }

    @Test
    void aFieldFittedToTheSurfaceMagnifiedAndShrunk() throws Exception {
        int side = 256;
        try (ViewRig rig = new ViewRig(4L * side * side, LayoutFrame.slotBytes(720L * 720, 0), 320, 320)) {
            rig.publishCompute(frame -> SyntheticFrames.heatField(frame, 0, side, side));
            FittedLayout fitted = new FittedLayout(new FieldLayout(0, side, side, false,
                    FieldStyle.auto(ColourMap.MAGMA, ValueScale.LINEAR, false)), side, side);
            fitted.show(720, 720, 10.5, 20.25, 200, 200);
            assertThat(allocatedPerFrame(() -> rig.layOut(fitted, null))).as("magnified").isZero();
            fitted.show(100, 100, 0, 0, side, side);
            assertThat(allocatedPerFrame(() -> rig.layOut(fitted, null))).as("shrunk").isZero();
        }
    }

    @Test
    void openGlFieldLayoutOnEveryScale() throws Exception {
        int side = 256;
        try (ViewRig rig = new ViewRig(4L * side * side, LayoutFrame.slotBytes((long) side * side, 0), 320, 320)) {
            rig.publishCompute(frame -> SyntheticFrames.heatField(frame, 0, side, side));
            for (ValueScale scale : ValueScale.values()) {
                try (GlFieldLayout layout = new GlFieldLayout(0, side, side, false,
                        FieldStyle.auto(ColourMap.MAGMA, scale, false), ReadBack.PIPELINED)) {
                    try {
                        layout.open();
                    } catch (GlUnavailableException e) {
                        Assumptions.abort("no OpenGL here: " + e.getMessage());
                    }
                    assertThat(allocatedPerFrame(() -> rig.layOut(layout, null))).as(scale.label()).isZero();
                }
            }
        }
    }

    @Test
    void pointLayoutAndRaster() throws Exception {
        int n = 16_384;
        int w = 640;
        int h = 400;
        PointsLayout layout = SyntheticFrames.nbodyView(n, w, h, new OrbitCamera(0, 0, 0, 0, 30, 3, 45));
        layout.setStyle(new PointStyle(PointStyle.ColourBy.SPEED, 0, FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.EQUALISED, false), 1));
        FrameRaster raster = new PointRaster(layout);
        try (ViewRig rig = new ViewRig(32L * n, LayoutFrame.slotBytes((long) w * h, n), w, h)) {
            rig.publishCompute(frame -> SyntheticFrames.disc(frame, 0, n));
            assertThat(allocatedPerFrame(() -> rig.layOut(layout, raster))).isZero();
        }
    }

    @Test
    void openGlPointRasterBothReadBacks() throws Exception {
        for (ReadBack readBack : ReadBack.values()) {
            assertThat(glPointRasterBytes(readBack)).as(readBack.name()).isZero();
        }
    }

    private static long glPointRasterBytes(ReadBack readBack) throws Exception {
        int n = 16_384;
        int w = 640;
        int h = 400;
        PointsLayout layout = SyntheticFrames.nbodyView(n, w, h, new OrbitCamera(0, 0, 0, 0, 30, 3, 45));
        try (GlPointRaster raster = new GlPointRaster(layout, readBack);
             ViewRig rig = new ViewRig(32L * n, LayoutFrame.slotBytes((long) w * h, n), w, h)) {
            try {
                raster.open();
            } catch (GlUnavailableException e) {
                Assumptions.abort("no OpenGL here: " + e.getMessage());
            }
            rig.publishCompute(frame -> SyntheticFrames.disc(frame, 0, n));
            return allocatedPerFrame(() -> rig.layOut(layout, raster));
        }
    }

    @Test
    void thePulsePresentsNewFramesAndUpdatesTheColourBar() throws Exception {
        int side = 128;
        FrameLayout layout = new FieldLayout(0, side, side, false,
                FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false));
        try (ViewRig rig = new ViewRig(4L * side * side, LayoutFrame.slotBytes((long) side * side, 0), 320, 320)) {
            ColourBar bar = Fx.call(() -> new ColourBar(ColourMap.VIRIDIS, "°C"));
            Fx.run(() -> rig.surface.setFrameListener(bar::show));
            rig.publishCompute(frame -> SyntheticFrames.heatField(frame, 0, side, side));
            long[] shownBefore = new long[1];
            long perFrame = Fx.call(() -> {
                shownBefore[0] = rig.surface.framesShown();
                // The layout stage's part runs here too, between pulses, so that each pulse has a
                // new frame to show; it is measured allocation-free above.
                return allocatedPerFrame(() -> {
                    rig.layOut(layout, null);
                    rig.surface.present();
                });
            });
            assertThat(Fx.call(rig.surface::framesShown) - shownBefore[0]).isEqualTo(WARM_UP + WINDOWS * FRAMES);
            assertThat(bar.tickCount()).as("the bar took the frames' ticks").isPositive();
            // JavaFX's PixelBuffer.updateBuffer allocates a little per call (an iterator over its
            // images): the pulse may allocate that, and less than one more object (16 bytes) a
            // frame, on average; the slack absorbs a one-off allocation during the measurement.
            assertThat(perFrame).isLessThan(Fx.call(HotPathAllocationTest::updateBufferBytes) + 16);
        }
    }

    @Test
    void theWindowPresenterStampsRenderAndPresentationWithoutAllocating() throws Exception {
        int side = 128;
        FrameLayout layout = new FieldLayout(0, side, side, false,
                FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false));
        FrameTimeline timeline = new FrameTimeline(Arena.ofAuto().allocate(FrameTimeline.bytesFor(1024), 64), 1024);
        try (ViewRig rig = new ViewRig(4L * side * side, LayoutFrame.slotBytes((long) side * side, 0), 320, 320)) {
            rig.publishCompute(frame -> SyntheticFrames.heatField(frame, 0, side, side));
            WindowPresenter presenter = Fx.call(() -> new WindowPresenter(rig.surface).recordInto(timeline));
            // A pulse takes the new frame and its render starts after the layout; the next pulse
            // takes it as presented. The layout stage's part runs between pulses, as above.
            long perFrame = Fx.call(() -> allocatedPerFrame(() -> {
                rig.layOut(layout, null);
                presenter.onPulse();
                presenter.renderStarts();
            }));
            assertThat(perFrame).isLessThan(Fx.call(HotPathAllocationTest::updateBufferBytes) + 16);
            // Above, every layout frame came from the one compute frame, so its stamps were
            // overwritten each time. One new frame, shown and then taken as presented:
            rig.publishCompute(frame -> SyntheticFrames.heatField(frame, 0, side, side));
            rig.layOut(layout, null);
            Fx.run(() -> {
                presenter.onPulse();
                presenter.renderStarts();
                presenter.onPulse();
            });
            long presented = presenter.presentedFrame();
            assertThat(presented).as("the new frame").isEqualTo(Fx.call(rig.surface::frameShown)).isPositive();
            long[] nanos = new long[FrameStage.values().length];
            timeline.read(presented, nanos);
            assertThat(nanos[FrameStage.PULSE.ordinal()]).isNotEqualTo(FrameTimeline.MISSING);
            assertThat(nanos[FrameStage.RENDER_START.ordinal()]).isGreaterThanOrEqualTo(nanos[FrameStage.PULSE.ordinal()]);
            assertThat(nanos[FrameStage.RENDER_END.ordinal()]).isGreaterThanOrEqualTo(nanos[FrameStage.RENDER_START.ordinal()]);
            assertThat(nanos[FrameStage.PRESENTED.ordinal()]).isEqualTo(nanos[FrameStage.RENDER_END.ordinal()]);
        }
    }

    /** What one bare PixelBuffer.updateBuffer call allocates, once compiled. */
    private static long updateBufferBytes() {
        PixelBuffer<IntBuffer> buffer = new PixelBuffer<>(8, 8, ByteBuffer.allocateDirect(256).asIntBuffer(),
                PixelFormat.getIntArgbPreInstance());
        WritableImage image = new WritableImage(buffer);
        Callback<PixelBuffer<IntBuffer>, Rectangle2D> whole = b -> null;
        long bytes = allocatedPerFrame(() -> buffer.updateBuffer(whole));
        assertThat(image.getWidth()).isEqualTo(8);
        assertThat(bytes).as("JavaFX's own allocation stays small").isLessThanOrEqualTo(64);
        return bytes;
    }
}
