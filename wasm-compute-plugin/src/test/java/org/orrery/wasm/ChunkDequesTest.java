package org.orrery.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ChunkDequesTest {

    @Test
    void aWorkerTakesItsOwnRunInOrderThenStealsFromTheBackOfOthers() {
        ChunkDeques deques = new ChunkDeques(3, 7); // runs: [0, 2), [2, 4), [4, 7)
        deques.open(1);
        List<Integer> taken = new ArrayList<>();
        for (int chunk; (chunk = deques.claim(1, 1)) >= 0; ) {
            taken.add(chunk);
        }
        // Its own 2 and 3, then the backs of worker 2's run and worker 0's.
        assertThat(taken).containsExactly(2, 3, 6, 5, 4, 1, 0);
        assertThat(deques.claim(0, 1)).isEqualTo(-1);
    }

    @Test
    void aClaimForAnotherTickGetsNothing() {
        ChunkDeques deques = new ChunkDeques(2, 4);
        deques.open(7);
        assertThat(deques.claim(0, 6)).as("previous tick").isEqualTo(-1);
        assertThat(deques.claim(0, 8)).as("tick not open yet").isEqualTo(-1);
        assertThat(deques.claim(0, 7)).isZero();
        deques.open(8);
        assertThat(deques.claim(1, 7)).as("a worker still in tick 7").isEqualTo(-1);
        assertThat(deques.claim(1, 8)).isEqualTo(2);
    }

    /** Many ticks, four threads racing over each: every chunk of every tick goes out exactly once. */
    @Test
    void everyChunkGoesOutExactlyOnceUnderContention() throws Exception {
        int workers = 4;
        int chunks = 13;
        int ticks = 2_000;
        ChunkDeques deques = new ChunkDeques(workers, chunks);
        AtomicIntegerArray handedOut = new AtomicIntegerArray(chunks * ticks);
        CyclicBarrier tickStart = new CyclicBarrier(workers, () -> { });
        long[] currentTick = {0};
        CyclicBarrier opened = new CyclicBarrier(workers, () -> deques.open(++currentTick[0]));
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int t = 1; t <= ticks; t++) {
                        opened.await(); // the last to arrive opens tick t
                        for (int chunk; (chunk = deques.claim(worker, t)) >= 0; ) {
                            handedOut.incrementAndGet((t - 1) * chunks + chunk);
                        }
                        tickStart.await();
                    }
                } catch (Exception e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(errors).isEmpty();
        for (int i = 0; i < handedOut.length(); i++) {
            assertThat(handedOut.get(i)).as("chunk %d of tick %d", i % chunks, i / chunks + 1).isEqualTo(1);
        }
    }

    @Test
    void refusesMoreWorkersThanChunksAndTooManyChunks() {
        assertThatThrownBy(() -> new ChunkDeques(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkDeques(3, 2)).hasMessageContaining("3 workers and 2 chunks");
        assertThatThrownBy(() -> new ChunkDeques(1, ChunkDeques.MAX_CHUNKS + 1)).hasMessageContaining("65535");
    }
}
