package org.orrery.memory.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class BulkCopyTest {

    @Test
    void copiesTheRangeAndNothingElse() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment source = numbered(arena.allocate(1 << 20));
            MemorySegment target = arena.allocate(1 << 20);
            BulkCopy.copy(source, 1000, target, 24, 500_000);
            assertThat(target.get(ValueLayout.JAVA_BYTE, 23)).isZero();
            for (long i = 0; i < 500_000; i++) {
                assertThat(target.get(ValueLayout.JAVA_BYTE, 24 + i)).isEqualTo(source.get(ValueLayout.JAVA_BYTE, 1000 + i));
            }
            assertThat(target.get(ValueLayout.JAVA_BYTE, 24 + 500_000)).isZero();
        }
    }

    @Test
    void overlappingRangesCopyAsIfThroughABuffer() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = numbered(arena.allocate(4096));
            MemorySegment expected = arena.allocate(4096).copyFrom(segment);
            MemorySegment.copy(expected.asSlice(0, 3000).toArray(ValueLayout.JAVA_BYTE), 0, expected,
                    ValueLayout.JAVA_BYTE, 100, 3000);
            BulkCopy.copy(segment, 0, segment, 100, 3000);
            assertThat(segment.mismatch(expected)).isEqualTo(-1);
        }
    }

    @Test
    void heapSegmentsAreCopiedToo() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment source = numbered(arena.allocate(256));
            byte[] array = new byte[256];
            BulkCopy.copy(source, 0, MemorySegment.ofArray(array), 0, 256);
            assertThat(MemorySegment.ofArray(array).mismatch(source)).isEqualTo(-1);
        }
    }

    @Test
    void rangesOutsideASegmentAreRefusedBeforeAnythingIsWritten() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment source = numbered(arena.allocate(1024));
            MemorySegment target = arena.allocate(1024);
            assertThatThrownBy(() -> BulkCopy.copy(source, 1, target, 0, 1024)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> BulkCopy.copy(source, 0, target, 1, 1024)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> BulkCopy.copy(source, -1, target, 0, 8)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> BulkCopy.copy(source, 0, target.asReadOnly(), 0, 8))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(target.asByteBuffer().mismatch(arena.allocate(1024).asByteBuffer())).isEqualTo(-1);
        }
    }

    @Test
    void aClosedArenasSegmentIsRefused() {
        Arena closed = Arena.ofShared();
        MemorySegment gone = closed.allocate(64);
        closed.close();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment live = arena.allocate(64);
            assertThatThrownBy(() -> BulkCopy.copy(gone, 0, live, 0, 64)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> BulkCopy.copy(live, 0, gone, 0, 64)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aSegmentConfinedToAnotherThreadIsRefused() throws Exception {
        try (Arena mine = Arena.ofConfined(); Arena shared = Arena.ofShared()) {
            MemorySegment confined = mine.allocate(64);
            MemorySegment open = shared.allocate(64);
            Throwable[] seen = new Throwable[1];
            Thread other = Thread.ofPlatform().start(() -> {
                try {
                    BulkCopy.copy(open, 0, confined, 0, 64);
                } catch (Throwable e) {
                    seen[0] = e;
                }
            });
            other.join();
            assertThat(seen[0]).isInstanceOf(WrongThreadException.class);
        }
    }

    @Test
    void aCopyAllocatesNothing() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment source = numbered(arena.allocate(4096));
            MemorySegment target = arena.allocate(4096);
            for (int i = 0; i < 100_000; i++) { // warm-up: compiled code
                BulkCopy.copy(source, 0, target, 0, 4096);
            }
            long least = Long.MAX_VALUE; // the least of a few windows: a recompilation allocates once
            for (int window = 0; window < 3; window++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 10_000; i++) {
                    BulkCopy.copy(source, 0, target, 0, 4096);
                }
                least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
            }
            assertThat(least).as("bytes allocated by 10,000 copies").isZero();
        }
    }

    private static MemorySegment numbered(MemorySegment segment) {
        for (long i = 0; i < segment.byteSize(); i++) {
            segment.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 31 + 7));
        }
        return segment;
    }
}
