package org.orrery.memory.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import org.junit.jupiter.api.Test;

class ChunkTimelineTest {

    private final Arena arena = Arena.ofAuto();

    private ChunkTimeline timeline(int frames, int chunks) {
        return new ChunkTimeline(arena.allocate(ChunkTimeline.bytesFor(frames, chunks), 64), frames, chunks);
    }

    @Test
    void aChunkReadsBackAsStamped() {
        ChunkTimeline timeline = timeline(4, 3);
        timeline.stamp(5, 2, 1_000, 2_500, 1, 7, 4096, 1024);
        long[] fields = new long[ChunkTimeline.FIELDS];
        assertThat(timeline.read(5, 2, fields)).isTrue();
        assertThat(fields).containsExactly(1_000, 2_500, 1, 7, 4096, 1024);
        assertThat(timeline.read(5, 1, fields)).as("a chunk not stamped").isFalse();
        assertThat(timeline.read(4, 2, fields)).as("another frame").isFalse();
    }

    @Test
    void aLaterFrameReplacesTheRecordAndTheEarlierFrameReadsMissing() {
        ChunkTimeline timeline = timeline(2, 1);
        timeline.stamp(1, 0, 10, 20, 0, 0, 1, 1);
        timeline.stamp(3, 0, 30, 40, 1, 1, 2, 2); // frame 3 uses frame 1's record
        long[] fields = new long[ChunkTimeline.FIELDS];
        assertThat(timeline.read(1, 0, fields)).isFalse();
        assertThat(timeline.read(3, 0, fields)).isTrue();
        assertThat(fields[ChunkTimeline.START]).isEqualTo(30);
    }

    @Test
    void neighbouringChunksDoNotOverwriteEachOther() {
        ChunkTimeline timeline = timeline(3, 8);
        for (long frame = 1; frame <= 3; frame++) {
            for (int chunk = 0; chunk < 8; chunk++) {
                timeline.stamp(frame, chunk, frame * 100 + chunk, frame * 100 + chunk + 1, chunk % 2, chunk, chunk * 10L, chunk * 20L);
            }
        }
        long[] fields = new long[ChunkTimeline.FIELDS];
        for (long frame = 1; frame <= 3; frame++) {
            for (int chunk = 0; chunk < 8; chunk++) {
                assertThat(timeline.read(frame, chunk, fields)).isTrue();
                assertThat(fields).containsExactly(frame * 100 + chunk, frame * 100 + chunk + 1, chunk % 2, chunk,
                        chunk * 10L, chunk * 20L);
            }
        }
    }

    @Test
    void stampingAndReadingAllocateNothing() {
        ChunkTimeline timeline = timeline(64, 8);
        long[] fields = new long[ChunkTimeline.FIELDS];
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = 0;
        for (long frame = 1; frame <= 40_000; frame++) {
            if (frame == 20_001) {
                before = threads.getCurrentThreadAllocatedBytes();
            }
            for (int chunk = 0; chunk < 8; chunk++) {
                timeline.stamp(frame, chunk, frame, frame + 1, chunk, chunk, 64, 64);
                timeline.read(frame, chunk, fields);
            }
        }
        assertThat((threads.getCurrentThreadAllocatedBytes() - before) / 20_000).isZero();
    }

    @Test
    void refusesBadArguments() {
        ChunkTimeline timeline = timeline(2, 2);
        assertThatThrownBy(() -> timeline.stamp(0, 0, 1, 1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> timeline.stamp(1, 2, 1, 1, 0, 0, 0, 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new ChunkTimeline(arena.allocate(64, 64), 2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 256 bytes");
    }
}
