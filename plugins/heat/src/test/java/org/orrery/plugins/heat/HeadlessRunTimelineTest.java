package org.orrery.plugins.heat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.orrery.plugins.heat.HeatPipelineRig.onFx;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.memory.timing.FrameCollector;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.surface.OffscreenPresenter;

/**
 * The frame timeline over a headless run of the heat plugin's whole pipeline: the test drives
 * frames and stamps each tick's publication (the frame driver's stamp); the workers, the layout
 * stage, the surface and the offscreen presenter stamp the rest.
 */
class HeadlessRunTimelineTest {

    private static final int FRAMES = 1_000;
    private static final FrameStage[] STAGES = FrameStage.values();

    @TempDir
    static Path plugins;

    @Test
    void everyFrameOfAThousandHasACompleteMonotonicRecord() throws Exception {
        FrameTimeline timeline = new FrameTimeline(Arena.ofAuto().allocate(FrameTimeline.bytesFor(1024), 64), 1024);
        try (HeatPipelineRig rig = recordedRig(timeline, DeliveryMode.LOSSLESS)) {
            OffscreenPresenter presenter = recordedPresenter(rig, timeline);
            for (long frame = 1; frame <= FRAMES; frame++) {
                tickAndLayOut(rig, timeline, frame);
                assertThat(onFx(presenter::presentAndRender)).as("frame %d presented", frame).isTrue();
            }
            assertThat(rig.faults).isEmpty();

            long[] nanos = new long[STAGES.length];
            for (long frame = 1; frame <= FRAMES; frame++) {
                assertThat(timeline.read(frame, nanos)).as("stages stamped for frame %d", frame).isEqualTo(STAGES.length);
                for (int s = 1; s < STAGES.length; s++) {
                    assertThat(nanos[s]).as("frame %d: %s after %s", frame, STAGES[s], STAGES[s - 1])
                            .isGreaterThanOrEqualTo(nanos[s - 1]);
                }
            }
            FrameCollector collector = new FrameCollector(timeline);
            collector.collect(FRAMES);
            assertThat(collector.presented()).isEqualTo(FRAMES);
            assertThat(collector.dropped()).isZero();
            assertThat(collector.incomplete()).isZero();
            assertThat(collector.lost()).isZero();
        }
    }

    @Test
    void aSurfaceThatTakesEveryOtherFrameSeesExactlyHalfDropped() throws Exception {
        FrameTimeline timeline = new FrameTimeline(Arena.ofAuto().allocate(FrameTimeline.bytesFor(256), 64), 256);
        int frames = 200;
        // A live layout buffer, as in the app: a frame the pulse did not take in time is replaced.
        try (HeatPipelineRig rig = recordedRig(timeline, DeliveryMode.LIVE)) {
            OffscreenPresenter presenter = recordedPresenter(rig, timeline);
            for (long frame = 1; frame <= frames; frame++) {
                tickAndLayOut(rig, timeline, frame);
                if (frame % 2 == 0) {
                    assertThat(onFx(presenter::presentAndRender)).isTrue();
                    assertThat(onFx(rig.surface::frameShown)).isEqualTo(frame);
                }
            }
            FrameCollector collector = new FrameCollector(timeline);
            collector.collect(frames);
            assertThat(collector.presented()).isEqualTo(frames / 2);
            assertThat(collector.dropped()).isEqualTo(frames / 2);
            assertThat(collector.incomplete()).isZero();
        }
    }

    /** The pipeline with the workers and the layout stage stamping into {@code timeline}. */
    private static HeatPipelineRig recordedRig(FrameTimeline timeline, DeliveryMode layoutDelivery) throws Exception {
        return new HeatPipelineRig(plugins, ColourMap.VIRIDIS, layoutDelivery, (workers, stage) -> {
            workers.recordInto(timeline);
            stage.recordInto(timeline);
        });
    }

    /** The surface presented offscreen, its pulse, render and presentation stamped into {@code timeline}. */
    private static OffscreenPresenter recordedPresenter(HeatPipelineRig rig, FrameTimeline timeline) throws Exception {
        return onFx(() -> {
            OffscreenPresenter presenter = new OffscreenPresenter(rig.surface, 128, 128);
            presenter.recordInto(timeline);
            return presenter;
        });
    }

    /** The frame driver's part: stamps the tick's publication, publishes it, waits for its layout. */
    private static void tickAndLayOut(HeatPipelineRig rig, FrameTimeline timeline, long frame) throws InterruptedException {
        timeline.stamp(frame, FrameStage.TICK_PUBLISHED, System.nanoTime());
        rig.tick(frame);
        rig.awaitLayoutOf(frame);
    }
}
