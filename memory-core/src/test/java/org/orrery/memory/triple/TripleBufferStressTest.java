package org.orrery.memory.triple;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orrery.memory.handle.GenIndex;
import org.orrery.memory.wait.WaitPolicy;

/**
 * Producer and consumer on two threads. Every frame is filled with its own number, so a torn frame
 * (words from two frames) shows as unequal words. The jcstress tests in stress-tests cover the
 * interleavings exhaustively; this checks long runs end to end.
 */
class TripleBufferStressTest {

    private static final int FRAMES = 200_000;
    private static final int WORDS = 64;

    private static TripleBuffer buffer(Arena arena, DeliveryMode mode, WaitPolicy policy) {
        long bytes = WORDS * 8L;
        return new TripleBuffer("stress", arena.allocate(TripleBuffer.CONTROL_BYTES, 8), arena.allocate(bytes, 128),
                arena.allocate(bytes, 128), arena.allocate(bytes, 128), mode, policy);
    }

    private static Thread producer(TripleBuffer buffer, AtomicReference<Throwable> failure) {
        return new Thread(() -> {
            try {
                for (long frame = 1; frame <= FRAMES; frame++) {
                    MemorySegment back = buffer.back();
                    for (int w = 0; w < WORDS; w++) {
                        back.setAtIndex(ValueLayout.JAVA_LONG, w, frame);
                    }
                    if (buffer.publish(TimeUnit.SECONDS.toNanos(10)) == 0) {
                        throw new AssertionError("publish of frame " + frame + " timed out");
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "producer");
    }

    @ParameterizedTest
    @EnumSource(WaitPolicy.class)
    void liveConsumerSeesWholeFramesInIncreasingOrderAndCountsAdd(WaitPolicy policy) throws Exception {
        try (Arena arena = Arena.ofShared()) {
            TripleBuffer buffer = buffer(arena, DeliveryMode.LIVE, policy);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread producer = producer(buffer, failure);
            producer.start();
            long last = 0;
            long distinct = 0;
            while (last < FRAMES && failure.get() == null) {
                buffer.awaitFresh(TimeUnit.MILLISECONDS.toNanos(100));
                long handle = buffer.acquire();
                MemorySegment front = buffer.front();
                long first = front.getAtIndex(ValueLayout.JAVA_LONG, 0);
                for (int w = 1; w < WORDS; w++) {
                    assertThat(front.getAtIndex(ValueLayout.JAVA_LONG, w)).as("word %d of frame %d", w, first)
                            .isEqualTo(first);
                }
                if (first != last) {
                    assertThat(first).isGreaterThan(last);
                    assertThat(Integer.toUnsignedLong(GenIndex.generation(handle))).isEqualTo(first);
                    last = first;
                    distinct++;
                }
            }
            producer.join();
            assertThat(failure.get()).isNull();
            assertThat(last).isEqualTo(FRAMES);
            // Each frame was either acquired or replaced unread: none lost, none counted twice.
            assertThat(distinct + buffer.droppedFrames()).isEqualTo(FRAMES);
        }
    }

    @ParameterizedTest
    @EnumSource(WaitPolicy.class)
    void losslessConsumerSeesEveryFrameExactlyOnce(WaitPolicy policy) throws Exception {
        try (Arena arena = Arena.ofShared()) {
            TripleBuffer buffer = buffer(arena, DeliveryMode.LOSSLESS, policy);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread producer = producer(buffer, failure);
            producer.start();
            for (long expected = 1; expected <= FRAMES; expected++) {
                assertThat(buffer.awaitFresh(TimeUnit.SECONDS.toNanos(10))).as("frame %d arrives", expected).isTrue();
                buffer.acquire();
                MemorySegment front = buffer.front();
                assertThat(front.getAtIndex(ValueLayout.JAVA_LONG, 0)).isEqualTo(expected);
                assertThat(front.getAtIndex(ValueLayout.JAVA_LONG, WORDS - 1)).isEqualTo(expected);
            }
            producer.join();
            assertThat(failure.get()).isNull();
            assertThat(buffer.droppedFrames()).isZero();
        }
    }
}
