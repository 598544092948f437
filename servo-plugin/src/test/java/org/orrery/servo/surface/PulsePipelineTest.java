package org.orrery.servo.surface;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;
import org.orrery.servo.SyntheticFrames;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;
import org.orrery.servo.layout.FieldLayout;
import org.orrery.servo.layout.LayoutFrame;
import org.orrery.servo.layout.LayoutStage;

/**
 * The pipeline's last two stages running as in the app: compute frames published from a thread,
 * the layout stage on its own thread, and the surface presenting on JavaFX's own pulses.
 */
class PulsePipelineTest {

    @Test
    void computeFramesReachTheScreenOnThePulse() throws Exception {
        int side = 64;
        FieldLayout layout = new FieldLayout(0, side, side, false, FieldStyle.auto(ColourMap.VIRIDIS, ValueScale.LINEAR, false));
        FrameTimeline timeline = new FrameTimeline(java.lang.foreign.Arena.ofAuto().allocate(FrameTimeline.bytesFor(256), 64), 256);
        try (ViewRig rig = new ViewRig(4L * side * side, LayoutFrame.slotBytes((long) side * side, 0), 128, 128);
             LayoutStage stage = new LayoutStage("pulse-test", rig.compute, rig.layout, layout, null).recordInto(timeline).start()) {
            assertThat(Fx.call(rig.surface::backendName)).isEqualTo("pixel-buffer");
            Fx.run(() -> {
                rig.surface.recordInto(timeline);
                rig.surface.start();
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int published = 0;
            while (Fx.call(rig.surface::framesShown) < 10 && System.nanoTime() < deadline) {
                rig.publishCompute(frame -> SyntheticFrames.heatField(frame, 0, side, side));
                published++;
                Thread.sleep(20); // about one pulse apart
            }
            Fx.run(rig.surface::stop);
            assertThat(Fx.call(rig.surface::framesShown)).as("frames shown of %d published", published).isGreaterThanOrEqualTo(10);
            assertThat(stage.failure()).isNull();
            assertThat(stage.framesLaidOut()).isGreaterThanOrEqualTo(10);
            // Every frame shown has its layout and pulse stamps, in order.
            long[] nanos = new long[FrameStage.values().length];
            int pulsed = 0;
            for (long frame = 1; frame <= published; frame++) {
                timeline.read(frame, nanos);
                long pulse = nanos[FrameStage.PULSE.ordinal()];
                if (pulse != FrameTimeline.MISSING) {
                    pulsed++;
                    assertThat(pulse).as("frame %d", frame).isGreaterThanOrEqualTo(nanos[FrameStage.LAYOUT_PUBLISHED.ordinal()]);
                    assertThat(nanos[FrameStage.LAYOUT_PUBLISHED.ordinal()]).isNotEqualTo(FrameTimeline.MISSING);
                }
            }
            assertThat((long) pulsed).as("frames with a pulse stamp").isEqualTo(Fx.call(rig.surface::framesShown));
        }
    }
}
