package org.orrery.servo.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.openhft.affinity.Affinity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orrery.memory.arena.ArenaLayout;
import org.orrery.memory.arena.SharedArena;
import org.orrery.memory.arena.Stage;
import org.orrery.memory.frame.ComputeFrame;
import org.orrery.memory.handle.GenIndex;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.servo.colour.ColourMap;
import org.orrery.servo.colour.FieldStyle;
import org.orrery.servo.colour.ValueScale;

class LayoutStageTest {

    private static final int SIDE = 32;
    private static final long WAIT = TimeUnit.SECONDS.toNanos(5);
    private final SharedArena arena = SharedArena.allocate(
            ArenaLayout.packed(4L * SIDE * SIDE, LayoutFrame.slotBytes((long) SIDE * SIDE, 0), 0));
    private final TripleBuffer compute = arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
    private final TripleBuffer layout = arena.tripleBuffer(Stage.LAYOUT, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
    private final FieldLayout field = new FieldLayout(0, SIDE, SIDE, false,
            new FieldStyle(ColourMap.VIRIDIS, ValueScale.LINEAR, 0, 255, false));
    private LayoutStage stage;

    @AfterEach
    void stop() {
        if (stage != null) {
            stage.close();
        }
        arena.close();
    }

    private long publishUniformFrame(float value) {
        compute.back().asSlice(0, 4L * SIDE * SIDE).fill((byte) 0);
        for (int i = 0; i < SIDE * SIDE; i++) {
            compute.back().set(ValueLayout.JAVA_FLOAT, 4L * i, value);
        }
        return compute.publish();
    }

    private MemorySegment nextLayoutFrame() {
        assertThat(layout.awaitFresh(WAIT)).as("a layout frame arrives").isTrue();
        layout.acquire();
        return layout.front();
    }

    private static int firstPixel(MemorySegment slot) {
        return slot.get(ValueLayout.JAVA_INT, LayoutFrame.PIXELS);
    }

    @Test
    void theStageLaysOutOnTheCpusItIsGiven() {
        int last = Runtime.getRuntime().availableProcessors() - 1;
        AtomicReference<BitSet> seen = new AtomicReference<>();
        FrameLayout recordingCpus = new FrameLayout() {
            @Override
            public void layOut(MemorySegment computeFrame, MemorySegment slot) {
                seen.set(Affinity.getAffinity());
                field.layOut(computeFrame, slot);
            }

            @Override
            public long settingsVersion() {
                return 0;
            }
        };
        AtomicBoolean keep = new AtomicBoolean(true);
        stage = new LayoutStage("test", compute, layout, recordingCpus, null).keepingTo(List.of(last), keep::get).start();
        publishUniformFrame(10);
        nextLayoutFrame();
        BitSet only = new BitSet();
        only.set(last);
        assertThat(seen.get()).as("the layout thread's CPUs").isEqualTo(only);
        // Told to let go, it runs on any CPU again from the next look, PLACEMENT_FRAMES frames on.
        keep.set(false);
        for (int frame = 0; frame < LayoutStage.PLACEMENT_FRAMES + 1; frame++) {
            publishUniformFrame(frame);
            nextLayoutFrame();
        }
        assertThat(seen.get()).as("the layout thread's CPUs once let go: those it started with, the test's")
                .isEqualTo(Affinity.getAffinity());
        assertThatThrownBy(() -> stage.keepingTo(List.of(0), () -> true)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void laysOutEachComputeFrameAndStampsItsSource() {
        stage = new LayoutStage("test", compute, layout, field, null).start();
        assertThat(layout.awaitFresh(TimeUnit.MILLISECONDS.toNanos(50))).as("nothing before the first compute frame").isFalse();
        for (int value : new int[] {10, 128, 250}) {
            long handle = publishUniformFrame(value);
            MemorySegment slot = nextLayoutFrame();
            assertThat(slot.get(ValueLayout.JAVA_LONG, LayoutFrame.SOURCE)).isEqualTo(handle);
            assertThat(firstPixel(slot)).isEqualTo(ColourMap.VIRIDIS.pixel(value));
            long start = slot.get(ValueLayout.JAVA_LONG, LayoutFrame.LAYOUT_START);
            assertThat(slot.get(ValueLayout.JAVA_LONG, LayoutFrame.LAYOUT_END)).isGreaterThanOrEqualTo(start);
            assertThat(slot.get(ValueLayout.JAVA_LONG, LayoutFrame.RASTER_END))
                    .isEqualTo(slot.get(ValueLayout.JAVA_LONG, LayoutFrame.LAYOUT_END));
        }
        assertThat(stage.failure()).isNull();
    }

    @Test
    void eachLayoutFrameCarriesACopyOfItsComputeFramesHeader() {
        long header = ComputeFrame.HEADER_BYTES;
        try (SharedArena withHeaders = SharedArena.allocate(ArenaLayout.packed(header + 4L * SIDE * SIDE,
                LayoutFrame.slotBytes((long) SIDE * SIDE, 0), 0))) {
            TripleBuffer computeFrames = withHeaders.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
            TripleBuffer layoutFrames = withHeaders.tripleBuffer(Stage.LAYOUT, DeliveryMode.LIVE, WaitPolicy.BLOCKING);
            // Fitted, as the shell lays out a grid: the fitting copies the field's header, not the compute header's copy.
            FrameLayout afterHeader = new FittedLayout(new FieldLayout(header, SIDE, SIDE, false,
                    new FieldStyle(ColourMap.VIRIDIS, ValueScale.LINEAR, 0, 255, false)), SIDE, SIDE);
            try (LayoutStage copying = new LayoutStage("test", computeFrames, layoutFrames, afterHeader, null)
                    .copyingComputeHeader().start()) {
                for (int frame = 1; frame <= 3; frame++) {
                    ComputeFrame.write(computeFrames.back(), 0, 1000L * frame, new double[] {frame, -frame * 0.5});
                    computeFrames.back().asSlice(header, 4L * SIDE * SIDE).fill((byte) 0);
                    computeFrames.publish();
                    assertThat(layoutFrames.awaitFresh(WAIT)).as("a layout frame arrives").isTrue();
                    layoutFrames.acquire();
                    MemorySegment slot = layoutFrames.front();
                    long at = LayoutFrame.COMPUTE_HEADER;
                    assertThat(ComputeFrame.records(slot, at)).isEqualTo(1000L * frame);
                    assertThat(ComputeFrame.summaryCount(slot, at)).isEqualTo(2);
                    assertThat(ComputeFrame.summary(slot, at, 0)).isEqualTo(frame);
                    assertThat(ComputeFrame.summary(slot, at, 1)).isEqualTo(-frame * 0.5);
                    assertThat(firstPixel(slot)).as("the field read after the header").isEqualTo(ColourMap.VIRIDIS.pixel(0));
                }
                assertThat(copying.failure()).isNull();
                assertThatThrownBy(copying::copyingComputeHeader).isInstanceOf(IllegalStateException.class);
            }
        }
    }

    @Test
    void eachFramesLayoutTimesGoIntoTheTimeline() {
        FrameTimeline timeline = new FrameTimeline(java.lang.foreign.Arena.ofAuto().allocate(FrameTimeline.bytesFor(16), 64), 16);
        stage = new LayoutStage("test", compute, layout, field, null).recordInto(timeline).start();
        long[] nanos = new long[FrameStage.values().length];
        for (int frame = 1; frame <= 3; frame++) {
            long published = System.nanoTime();
            assertThat(GenIndex.generation(publishUniformFrame(frame))).isEqualTo(frame);
            nextLayoutFrame();
            long seen = System.nanoTime();
            assertThat(timeline.read(frame, nanos)).as("frame %d: the three layout stages", frame).isEqualTo(3);
            long start = nanos[FrameStage.LAYOUT_START.ordinal()];
            long end = nanos[FrameStage.LAYOUT_END.ordinal()];
            long out = nanos[FrameStage.LAYOUT_PUBLISHED.ordinal()];
            assertThat(start).isBetween(published, end);
            assertThat(out).isBetween(end, seen);
        }
        assertThatThrownBy(() -> stage.recordInto(timeline)).hasMessageContaining("has started");
    }

    @Test
    void layingOutAndPublishingAllocatesNothingUnlessARecordingWantsTheEvent() throws Exception {
        FrameTimeline timeline = new FrameTimeline(java.lang.foreign.Arena.ofAuto().allocate(FrameTimeline.bytesFor(16), 64), 16);
        LayoutStage idle = new LayoutStage("test", compute, layout, field, null).recordInto(timeline); // never started
        long handle = publishUniformFrame(7);
        compute.acquire();
        assertThat(bytesPerLayout(idle, handle)).as("no recording").isZero();
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
            recording.enable("jdk.GarbageCollection"); // JFR runs, but not for layout events
            recording.start();
            assertThat(bytesPerLayout(idle, handle)).as("a recording without the layout event").isZero();
        }
    }

    private static long bytesPerLayout(LayoutStage stage, long handle) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 2_000; i++) {
            stage.layOutAndPublish(handle);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000; i++) {
            stage.layOutAndPublish(handle);
        }
        return (threads.getCurrentThreadAllocatedBytes() - before) / 1_000;
    }

    @Test
    void eachLayoutIsAJfrEvent() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("layout", ".jfr");
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
            recording.enable("org.orrery.Layout");
            recording.start();
            stage = new LayoutStage("test", compute, layout, field, null).start();
            for (int frame = 1; frame <= 3; frame++) {
                publishUniformFrame(frame);
                nextLayoutFrame();
            }
            recording.stop();
            recording.dump(file);
        }
        java.util.List<jdk.jfr.consumer.RecordedEvent> events = jdk.jfr.consumer.RecordingFile.readAllEvents(file);
        java.nio.file.Files.delete(file);
        assertThat(events).extracting(e -> e.getLong("frame")).containsExactly(1L, 2L, 3L);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getInt("width")).isEqualTo(SIDE);
            assertThat(e.getDuration().isNegative()).isFalse();
        });
    }

    @Test
    void aSettingChangeLaysOutThePausedFrameAgain() {
        stage = new LayoutStage("test", compute, layout, field, null).start();
        publishUniformFrame(40);
        assertThat(firstPixel(nextLayoutFrame())).isEqualTo(ColourMap.VIRIDIS.pixel(40));
        assertThat(layout.awaitFresh(TimeUnit.MILLISECONDS.toNanos(30))).as("no new frame while nothing changes").isFalse();
        field.setStyle(field.style().withMap(ColourMap.MAGMA));
        assertThat(firstPixel(nextLayoutFrame())).isEqualTo(ColourMap.MAGMA.pixel(40));
    }

    @Test
    void aLayoutThatThrowsStopsTheStageAndSaysWhy() {
        FrameLayout broken = new FrameLayout() {
            @Override
            public void layOut(MemorySegment computeFrame, MemorySegment slot) {
                throw new IllegalStateException("layout bug");
            }

            @Override
            public long settingsVersion() {
                return 0;
            }
        };
        stage = new LayoutStage("test", compute, layout, broken, null).start();
        publishUniformFrame(1);
        long deadline = System.nanoTime() + WAIT;
        while (stage.failure() == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(stage.failure()).hasMessage("layout bug");
        assertThat(layout.hasFresh()).isFalse();
    }
}
