package org.orrery.servo.gl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.orrery.servo.SlotPixels;
import org.orrery.servo.SyntheticFrames;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;
import org.orrery.servo.layout.FieldLayout;
import org.orrery.servo.layout.FrameLayout;
import org.orrery.servo.layout.FrameRaster;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.points.OrbitCamera;
import org.orrery.servo.points.PointRaster;
import org.orrery.servo.points.PointsLayout;

class BackendSelectorTest {

    private static final int W = 320;
    private static final int H = 240;
    private static final int N = 2048;
    private static final FieldStyle LOG_MAGMA = FieldStyle.auto(ColourMap.MAGMA, ValueScale.LOG, false);

    private final Arena arena = Arena.ofShared();

    private static PointsLayout points() {
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
        try (EglContext context = EglContext.createHeadless()) {
            return context.renderer() != null;
        } catch (GlUnavailableException e) {
            return false;
        }
    }

    @Test
    void cpuIsChosenWhenAskedAndABadSettingIsRefused() {
        BackendChoice<FrameRaster> choice = BackendSelector.points("cpu", points());
        assertThat(choice.chosen()).isInstanceOf(PointRaster.class);
        assertThat(choice.backend()).isEqualTo("cpu");
        assertThatThrownBy(() -> BackendSelector.points("vulkan", points()))
                .hasMessage("render backend must be auto, cpu, gl or gl-pipelined, was 'vulkan'");
    }

    @Test
    void autoKeepsTheFastestOfTheMeasuredBackends() throws Exception {
        Assumptions.assumeTrue(glAvailable(), "no OpenGL here");
        PointsLayout layout = points();
        BackendChoice<FrameRaster> choice = BackendSelector.points("auto", layout);
        Map<String, Double> millis = figures(choice.reason());
        assertThat(millis).containsOnlyKeys("cpu", "gl", "gl-pipelined");
        // The figures are rounded to 0.01 ms: the chosen one is the smallest of them (a tie may go either way).
        double fastest = millis.values().stream().min(Double::compare).orElseThrow();
        assertThat(millis.get(choice.backend())).as("%s, chosen from %s", choice.backend(), millis).isEqualTo(fastest);
        MemorySegment slot = laidOut(layout);
        onAnotherThread(() -> {
            choice.chosen().draw(slot);
            closeIfGl(choice.chosen());
        });
    }

    @Test
    void glDrawsOnTheLayoutThreadTheSamePixelsAsTheCpu() throws Exception {
        Assumptions.assumeTrue(glAvailable(), "no OpenGL here");
        PointsLayout layout = points();
        MemorySegment cpuSlot = laidOut(layout);
        new PointRaster(layout).draw(cpuSlot);
        for (String setting : new String[] {"gl", "gl-pipelined"}) {
            BackendChoice<FrameRaster> gl = BackendSelector.points(setting, layout);
            assertThat(gl.chosen()).isInstanceOf(GlPointRaster.class);
            assertThat(gl.backend()).isEqualTo(setting);
            MemorySegment glSlot = laidOut(layout);
            onAnotherThread(() -> {
                gl.chosen().draw(glSlot); // pipelined: the first frame is shown at once
                closeIfGl(gl.chosen());
            });
            assertThat(SlotPixels.sameShare(cpuSlot, glSlot, (long) W * H)).as(setting).isGreaterThan(0.995);
        }
    }

    @Test
    void aFieldGetsALayoutThatColoursAsTheCpuDoes() throws Exception {
        int gw = 200;
        int gh = 120;
        MemorySegment frame = arena.allocate(4L * gw * gh);
        SyntheticFrames.heatField(frame, 0, gw, gh);
        MemorySegment expected = arena.allocate(LayoutFrame.slotBytes((long) gw * gh, 0));
        new FieldLayout(0, gw, gh, true, LOG_MAGMA).layOut(frame, expected);
        BackendChoice<FrameLayout> choice = BackendSelector.field("auto", 0, gw, gh, true, LOG_MAGMA);
        assertThat(choice.reason()).startsWith("fastest on a trial frame: cpu");
        MemorySegment actual = arena.allocate(LayoutFrame.slotBytes((long) gw * gh, 0));
        onAnotherThread(() -> {
            choice.chosen().layOut(frame, actual);
            closeIfGl(choice.chosen());
        });
        assertThat(SlotPixels.sameShare(expected, actual, (long) gw * gh)).as(choice.backend()).isGreaterThan(0.999);
    }

    /** backend name to milliseconds, from "fastest on a trial frame: cpu 1.20 ms gl 5.00 ms ...". */
    private static Map<String, Double> figures(String reason) {
        Map<String, Double> millis = new HashMap<>();
        Matcher m = Pattern.compile("([a-z-]+) ([0-9.]+) ms").matcher(reason);
        while (m.find()) {
            millis.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return millis;
    }

    private static void closeIfGl(Object backend) {
        if (backend instanceof GlOffscreen gl) {
            gl.close();
        }
    }


    /** The layout stage's part: on its own thread. */
    private static void onAnotherThread(Runnable work) throws Exception {
        CompletableFuture.runAsync(work, runnable -> Thread.ofPlatform().start(runnable)).get(30, TimeUnit.SECONDS);
    }
}
