package org.orrery.memory.arena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;

class SharedArenaTest {

    @Test
    void regionsSitAtTheirAlignedAddressesAndDoNotAlias() {
        ArenaLayout layout = ArenaLayout.packed(4096, 2048, 100);
        try (SharedArena arena = SharedArena.allocate(layout)) {
            MemorySegment metadata = arena.region(Region.METADATA);
            for (Region region : Region.values()) {
                MemorySegment segment = arena.region(region);
                assertThat(segment.byteSize()).isEqualTo(layout.size(region));
                assertThat(segment.address() % ArenaLayout.ALIGNMENT).as("%s address", region).isZero();
                assertThat(segment.address() - metadata.address()).isEqualTo(layout.offset(region));
            }
            arena.region(Region.COMPUTE_A).fill((byte) 7);
            assertThat(arena.region(Region.COMPUTE_B).get(ValueLayout.JAVA_BYTE, 0)).isZero();
            assertThat(arena.region(Region.METADATA).get(ValueLayout.JAVA_BYTE, 63)).isZero();
        }
    }

    @Test
    void everyAccessAfterCloseFailsCleanly() {
        SharedArena arena = SharedArena.allocate(ArenaLayout.packed(256, 256, 0));
        MemorySegment compute = arena.region(Region.COMPUTE_A);
        TripleBuffer buffer = arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BACKOFF);
        compute.set(ValueLayout.JAVA_INT, 0, 42);
        arena.close();

        assertThat(arena.isOpen()).isFalse();
        assertThatThrownBy(() -> compute.get(ValueLayout.JAVA_INT, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> arena.region(Region.COMPUTE_A))
                .isInstanceOf(ArenaClosedException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(buffer::publish).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(buffer::acquire).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> arena.tripleBuffer(Stage.LAYOUT, DeliveryMode.LIVE, WaitPolicy.BACKOFF))
                .isInstanceOf(ArenaClosedException.class);
        arena.close(); // twice is harmless
    }

    @Test
    void closingWhileAnotherThreadReadsStopsTheReaderWithAnException() throws Exception {
        SharedArena arena = SharedArena.allocate(ArenaLayout.packed(1 << 16, 256, 0));
        MemorySegment compute = arena.region(Region.COMPUTE_A);
        CountDownLatch reading = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            long sum = 0;
            try {
                while (true) {
                    for (long i = 0; i < compute.byteSize(); i += 8) {
                        sum += compute.get(ValueLayout.JAVA_LONG, i);
                    }
                    reading.countDown();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
            if (sum == 42) {
                System.out.print(""); // keep the loop from being optimised away
            }
        });
        reader.start();
        reading.await();
        arena.close();
        reader.join(10_000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStageBufferIsMadeOnceAndModesMustAgree() {
        try (SharedArena arena = SharedArena.allocate(ArenaLayout.packed(256, 256, 0))) {
            TripleBuffer compute = arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BACKOFF);
            assertThat(arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BACKOFF)).isSameAs(compute);
            assertThatThrownBy(() -> arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LOSSLESS, WaitPolicy.BACKOFF))
                    .hasMessageContaining("LIVE");
            TripleBuffer layout = arena.tripleBuffer(Stage.LAYOUT, DeliveryMode.LOSSLESS, WaitPolicy.BLOCKING);

            compute.back().set(ValueLayout.JAVA_LONG, 0, 11);
            compute.publish();
            layout.back().set(ValueLayout.JAVA_LONG, 0, 22);
            layout.publish();
            // The two control blocks share the metadata region without clobbering each other.
            assertThat(compute.publishedGeneration()).isEqualTo(1);
            assertThat(layout.publishedGeneration()).isEqualTo(1);
            compute.acquire();
            layout.acquire();
            assertThat(compute.front().get(ValueLayout.JAVA_LONG, 0)).isEqualTo(11);
            assertThat(layout.front().get(ValueLayout.JAVA_LONG, 0)).isEqualTo(22);
            assertThat(compute.front().address()).isEqualTo(arena.region(Region.COMPUTE_A).address());
        }
    }
}
