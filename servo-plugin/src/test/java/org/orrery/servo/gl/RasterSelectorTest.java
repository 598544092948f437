package org.orrery.servo.gl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.orrery.servo.SyntheticFrames;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.servo.points.PointRaster;
import org.orrery.servo.points.PointsLayout;

class RasterSelectorTest {

    private static final int W = 320;
    private static final int H = 240;
    private static final int N = 2048;

    private final Arena arena = Arena.ofShared();

    private PointsLayout layout() {
        return SyntheticFrames.nbodyView(N, W, H, new OrbitCamera(0, 0, 0, 10, 40, 3, 45));
    }

    /** A laid-out (not yet rastered) nbody frame. */
    private MemorySegment laidOut(PointsLayout layout) {
        MemorySegment frame = arena.allocate(32L * N);
        SyntheticFrames.disc(frame, 0, N);
        MemorySegment slot = arena.allocate(LayoutFrame.slotBytes((long) W * H, N));
        layout.layOut(frame, slot);
        return slot;
    }

    private static boolean glAvailable() {
        try (EglContext context = EglContext.createSurfaceless()) {
            return context.renderer() != null;
        } catch (GlUnavailableException e) {
            return false;
        }
    }

    @Test
    void cpuIsChosenWhenAskedAndABadSettingIsRefused() {
        RasterChoice choice = RasterSelector.choose("cpu", layout());
        assertThat(choice.raster()).isInstanceOf(PointRaster.class);
        assertThat(choice.backend()).isEqualTo("cpu");
        assertThatThrownBy(() -> RasterSelector.choose("vulkan", layout()))
                .hasMessage("render backend must be auto, cpu or gl, was 'vulkan'");
    }

    @Test
    void autoKeepsTheFasterOfTwoMeasuredBackends() throws Exception {
        Assumptions.assumeTrue(glAvailable(), "no OpenGL here");
        PointsLayout layout = layout();
        RasterChoice choice = RasterSelector.choose("auto", layout);
        assertThat(choice.cpuMillis()).isPositive();
        assertThat(choice.glMillis()).isPositive();
        assertThat(choice.reason()).contains("cpu").contains("gl");
        String faster = choice.glMillis() < choice.cpuMillis() ? "gl" : "cpu";
        assertThat(choice.backend()).isEqualTo(faster);
        drawOnAnotherThreadAndClose(choice, laidOut(layout));
    }

    @Test
    void glDrawsOnTheLayoutThreadTheSamePixelsAsTheCpu() throws Exception {
        Assumptions.assumeTrue(glAvailable(), "no OpenGL here");
        PointsLayout layout = layout();
        MemorySegment cpuSlot = laidOut(layout);
        new PointRaster(layout).draw(cpuSlot);
        RasterChoice gl = RasterSelector.choose("gl", layout);
        assertThat(gl.raster()).isInstanceOf(GlPointRaster.class);
        MemorySegment glSlot = laidOut(layout);
        drawOnAnotherThreadAndClose(gl, glSlot);
        long pixels = (long) W * H;
        int same = 0;
        for (long i = 0; i < pixels; i++) {
            if (cpuSlot.get(java.lang.foreign.ValueLayout.JAVA_INT, LayoutFrame.PIXELS + 4 * i)
                    == glSlot.get(java.lang.foreign.ValueLayout.JAVA_INT, LayoutFrame.PIXELS + 4 * i)) {
                same++;
            }
        }
        assertThat(same / (double) pixels).isGreaterThan(0.995);
    }

    /** The layout stage's part: draw on its own thread, then close there. */
    private static void drawOnAnotherThreadAndClose(RasterChoice choice, MemorySegment slot) throws Exception {
        CompletableFuture.runAsync(() -> {
            choice.raster().draw(slot);
            if (choice.raster() instanceof GlPointRaster gl) {
                gl.close();
            }
        }, runnable -> Thread.ofPlatform().start(runnable)).get(30, TimeUnit.SECONDS);
    }
}
