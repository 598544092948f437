package org.orrery.memory.triple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orrery.memory.handle.GenIndex;
import org.orrery.memory.handle.StaleHandleException;
import org.orrery.memory.wait.WaitPolicy;

class TripleBufferTest {

    private final Arena arena = Arena.ofConfined();

    @AfterEach
    void close() {
        arena.close();
    }

    private TripleBuffer buffer(DeliveryMode mode, long slotBytes) {
        return new TripleBuffer("compute", arena.allocate(TripleBuffer.CONTROL_BYTES, 8),
                arena.allocate(slotBytes, 128), arena.allocate(slotBytes, 128), arena.allocate(slotBytes, 128),
                mode, WaitPolicy.BACKOFF);
    }

    private static void write(TripleBuffer buffer, long value) {
        buffer.back().set(ValueLayout.JAVA_LONG, 0, value);
    }

    private static long read(TripleBuffer buffer) {
        return buffer.front().get(ValueLayout.JAVA_LONG, 0);
    }

    @Test
    void beforeTheFirstPublishTheFrontHoldsNoGeneration() {
        TripleBuffer buffer = buffer(DeliveryMode.LIVE, 64);
        long handle = buffer.acquire();
        assertThat(GenIndex.generation(handle)).isZero();
        assertThat(buffer.publishedGeneration()).isZero();
        assertThat(buffer.hasFresh()).isFalse();
        assertThatThrownBy(() -> buffer.readLong(handle, 0)).isInstanceOf(StaleHandleException.class);
    }

    @Test
    void publishThenAcquireShowsTheFrameAndBumpsTheGeneration() {
        TripleBuffer buffer = buffer(DeliveryMode.LIVE, 64);
        write(buffer, 101);
        long published = buffer.publish();
        assertThat(GenIndex.generation(published)).isEqualTo(1);
        assertThat(buffer.hasFresh()).isTrue();

        long front = buffer.acquire();
        assertThat(front).isEqualTo(published);
        assertThat(read(buffer)).isEqualTo(101);
        assertThat(buffer.readLong(front, 0)).isEqualTo(101);
        // Nothing new: the front stays.
        assertThat(buffer.acquire()).isEqualTo(front);
        assertThat(read(buffer)).isEqualTo(101);
    }

    @Test
    void theProducerAlwaysHasASlotThatIsNeitherFrontNorReady() {
        TripleBuffer buffer = buffer(DeliveryMode.LIVE, 64);
        for (int i = 1; i <= 50; i++) {
            MemorySegment back = buffer.back();
            assertThat(back.address()).isNotEqualTo(buffer.front().address());
            write(buffer, i);
            buffer.publish();
            if (i % 3 == 0) {
                buffer.acquire();
                assertThat(read(buffer)).isEqualTo(i);
            }
        }
    }

    @Test
    void liveModeKeepsTheNewestFrameAndCountsTheDroppedOnes() {
        TripleBuffer buffer = buffer(DeliveryMode.LIVE, 64);
        for (int i = 1; i <= 5; i++) {
            write(buffer, i);
            buffer.publish();
        }
        long front = buffer.acquire();
        assertThat(read(buffer)).isEqualTo(5);
        assertThat(GenIndex.generation(front)).isEqualTo(5);
        assertThat(buffer.droppedFrames()).isEqualTo(4);

        write(buffer, 6);
        buffer.publish();
        buffer.acquire();
        assertThat(buffer.droppedFrames()).isEqualTo(4);
    }

    @Test
    void aHandleToAReusedSlotIsRefusedNamingBothGenerations() {
        TripleBuffer buffer = buffer(DeliveryMode.LIVE, 64);
        write(buffer, 1);
        buffer.publish();
        long old = buffer.acquire();
        // Two more frames, acquired: the old front slot goes back to the producer and is rewritten.
        for (int i = 2; i <= 4; i++) {
            write(buffer, i);
            buffer.publish();
            buffer.acquire();
        }
        assertThatThrownBy(() -> buffer.readLong(old, 0))
                .isInstanceOf(StaleHandleException.class)
                .hasMessageContaining("compute buffer slot " + GenIndex.index(old))
                .hasMessageContaining("the handle has generation 1");
        MemorySegment into = arena.allocate(64);
        assertThatThrownBy(() -> buffer.copy(old, 0, into, 0, 64)).isInstanceOf(StaleHandleException.class);
        assertThatThrownBy(() -> buffer.checkCurrent(GenIndex.of(3, 1))).hasMessageContaining("there are 3");
    }

    @Test
    void aPublishedButUnreadFrameStaysReadableThroughItsHandle() {
        TripleBuffer buffer = buffer(DeliveryMode.LIVE, 64);
        write(buffer, 77);
        long handle = buffer.publish();
        MemorySegment into = arena.allocate(64);
        buffer.copy(handle, 0, into, 0, 64);
        assertThat(into.get(ValueLayout.JAVA_LONG, 0)).isEqualTo(77);
    }

    @Test
    void losslessModeWaitsForTheConsumerAndTimesOut() {
        TripleBuffer buffer = buffer(DeliveryMode.LOSSLESS, 64);
        write(buffer, 1);
        assertThat(buffer.publish(0)).isNotZero();
        write(buffer, 2);
        long start = System.nanoTime();
        assertThat(buffer.publish(TimeUnit.MILLISECONDS.toNanos(50))).as("ready frame not yet taken").isZero();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(buffer.publishedGeneration()).isEqualTo(1);
        buffer.acquire();
        assertThat(read(buffer)).isEqualTo(1);
        assertThat(buffer.publish(0)).isNotZero();
        buffer.acquire();
        assertThat(read(buffer)).isEqualTo(2);
        assertThat(buffer.droppedFrames()).isZero();
    }

    @Test
    void refusesMismatchedSlotsAndASmallControlBlock() {
        assertThatThrownBy(() -> new TripleBuffer("layout", arena.allocate(32, 8), arena.allocate(64),
                arena.allocate(64), arena.allocate(128), DeliveryMode.LIVE, WaitPolicy.BACKOFF))
                .hasMessageContaining("layout triple buffer: slots differ in size");
        assertThatThrownBy(() -> new TripleBuffer("layout", arena.allocate(16, 8), arena.allocate(64),
                arena.allocate(64), arena.allocate(64), DeliveryMode.LIVE, WaitPolicy.BACKOFF))
                .hasMessageContaining("control block has 16 bytes");
    }
}
