package org.orrery.plugins.heat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orrery.plugins.heat.HeatPipelineRig.onFx;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.memory.handle.GenIndex;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.interaction.SourcePainter;
import org.orrery.servo.layout.LayoutFrame;

/**
 * The whole way from the mouse to the screen: a source painted on the heat view goes through the
 * control ring to the workers, into the next compute frame, through the layout stage and onto the
 * surface. Frames are ticked one at a time, each presented as a pulse would; the painted cell
 * must show the source's colour within two frames of the paint.
 */
class PaintedSourceToViewTest {

    private static final int SIDE = HeatPipelineRig.SIDE;
    private static final int PAINT_BEFORE_FRAME = 4;
    private static final ColourMap MAP = ColourMap.COOL_WARM;

    @TempDir
    static Path plugins;

    @Test
    void aPaintedSourceIsOnScreenWithinTwoFrames() throws Exception {
        try (HeatPipelineRig rig = new HeatPipelineRig(plugins, MAP, DeliveryMode.LOSSLESS, (workers, stage) -> { })) {
            SourcePainter painter = onFx(() -> SourcePainter.install(rig.surface, rig.ring, new AtomicInteger(), 256, 3, () -> 500));
            int firstHotFrame = -1;
            for (int frame = 1; frame <= PAINT_BEFORE_FRAME + 4 && firstHotFrame < 0; frame++) {
                if (frame == PAINT_BEFORE_FRAME) {
                    assertThat(onFx(() -> painter.add(16.5, 16.5))).isTrue();
                }
                rig.tick(frame);
                int tick = frame;
                rig.awaitLayoutOf(tick);
                int pixel = onFx(() -> {
                    assertThat(rig.surface.present()).as("the pulse shows a new frame").isTrue();
                    MemorySegment shown = rig.layout.front();
                    assertThat(GenIndex.generation(shown.get(ValueLayout.JAVA_LONG, LayoutFrame.SOURCE)))
                            .as("made from this tick's compute frame").isEqualTo(tick);
                    return shown.get(ValueLayout.JAVA_INT, LayoutFrame.PIXELS + 4L * (16 * SIDE + 16));
                });
                if (frame < PAINT_BEFORE_FRAME) {
                    assertThat(pixel).as("frame %d, before the paint", frame).isNotEqualTo(MAP.pixel(255));
                } else if (pixel == MAP.pixel(255)) {
                    firstHotFrame = frame;
                }
            }
            assertThat(firstHotFrame).as("the first frame showing the source, painted before frame %d", PAINT_BEFORE_FRAME)
                    .isBetween(PAINT_BEFORE_FRAME, PAINT_BEFORE_FRAME + 1);
            assertThat(rig.faults).isEmpty();
            assertThat(rig.stage.failure()).isNull();
        }
    }
}
