package org.orrery.memory.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class FrameTimelineTest {

    private static final int STAGES = FrameStage.values().length;
    private final Arena arena = Arena.ofAuto();

    private FrameTimeline timeline(int capacity) {
        return new FrameTimeline(arena.allocate(FrameTimeline.bytesFor(capacity), 64), capacity);
    }

    @Test
    void everyFrameOfAThousandIsCompleteAndInOrder() {
        FrameTimeline timeline = timeline(64);
        long[] nanos = new long[STAGES];
        long clock = 1_000;
        for (long frame = 1; frame <= 1_000; frame++) {
            for (FrameStage stage : FrameStage.values()) {
                timeline.stamp(frame, stage, clock += 7);
            }
            assertThat(timeline.read(frame, nanos)).as("frame %d", frame).isEqualTo(STAGES);
            for (int s = 1; s < STAGES; s++) {
                assertThat(nanos[s]).as("frame %d, %s after %s", frame, FrameStage.values()[s], FrameStage.values()[s - 1])
                        .isGreaterThan(nanos[s - 1]);
            }
        }
        assertThat(timeline.isComplete(1_000, nanos)).isTrue();
        assertThat(timeline.read(1_000 - 64, nanos)).as("a frame a whole capacity back is gone").isZero();
    }

    @Test
    void aStageNotStampedMakesTheRecordIncompleteAndSaysWhich() {
        FrameTimeline timeline = timeline(4);
        for (FrameStage stage : FrameStage.values()) {
            if (stage != FrameStage.PRESENTED) {
                timeline.stamp(3, stage, 100 + stage.ordinal());
            }
        }
        long[] nanos = new long[STAGES];
        assertThat(timeline.read(3, nanos)).isEqualTo(STAGES - 1);
        assertThat(timeline.isComplete(3, nanos)).isFalse();
        assertThat(nanos[FrameStage.PRESENTED.ordinal()]).isEqualTo(FrameTimeline.MISSING);
        assertThat(nanos[FrameStage.PULSE.ordinal()]).isEqualTo(100 + FrameStage.PULSE.ordinal());
    }

    @Test
    void aLaterFrameInTheSameRecordNeverLendsItsTimesToTheEarlierOne() {
        FrameTimeline timeline = timeline(8);
        for (FrameStage stage : FrameStage.values()) {
            timeline.stamp(1, stage, 10);
        }
        timeline.stamp(9, FrameStage.TICK_PUBLISHED, 90); // frame 9 reuses frame 1's record
        long[] nanos = new long[STAGES];
        assertThat(timeline.read(1, nanos)).isEqualTo(STAGES - 1);
        assertThat(nanos[FrameStage.TICK_PUBLISHED.ordinal()]).isEqualTo(FrameTimeline.MISSING);
        assertThat(timeline.read(9, nanos)).isEqualTo(1);
        assertThat(nanos[FrameStage.TICK_PUBLISHED.ordinal()]).isEqualTo(90);
        assertThat(nanos[FrameStage.PULSE.ordinal()]).as("frame 1's pulse is not frame 9's").isEqualTo(FrameTimeline.MISSING);
    }

    @Test
    void stampingAndReadingAllocateNothing() {
        FrameTimeline timeline = timeline(64);
        long[] nanos = new long[STAGES];
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        FrameStage[] stages = FrameStage.values(); // values() makes a new array each call
        long before = 0;
        for (long frame = 1; frame <= 60_000; frame++) {
            if (frame == 20_001) { // after the JIT has compiled both
                before = threads.getCurrentThreadAllocatedBytes();
            }
            for (FrameStage stage : stages) {
                timeline.stamp(frame, stage, frame);
            }
            timeline.read(frame, nanos);
        }
        assertThat((threads.getCurrentThreadAllocatedBytes() - before) / 40_000).isZero();
    }

    @Test
    void refusesBadArguments() {
        assertThatThrownBy(() -> timeline(0)).hasMessageContaining("at least one frame");
        MemorySegment small = arena.allocate(64);
        assertThatThrownBy(() -> new FrameTimeline(small, 2)).hasMessageContaining("needs " + FrameTimeline.bytesFor(2));
        assertThatThrownBy(() -> timeline(2).stamp(0, FrameStage.PULSE, 1)).hasMessageContaining("numbered from 1");
    }
}
