package org.orrery.memory.alloc;

import static org.assertj.core.api.Assertions.assertThat;

import com.lmax.disruptor.dsl.ProducerType;
import java.lang.management.ManagementFactory;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.orrery.memory.arena.ArenaLayout;
import org.orrery.memory.arena.SharedArena;
import org.orrery.memory.arena.Stage;
import org.orrery.memory.ring.ControlBatch;
import org.orrery.memory.ring.ControlRing;
import org.orrery.memory.triple.DeliveryMode;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;

/**
 * The hot path allocates nothing: measured with the JVM's per-thread allocation counter over
 * 100,000 rounds after warm-up, on every thread involved (ring events published alone and in
 * batches).
 */
class HotPathAllocationTest {

    private static final int ROUNDS = 100_000;
    /** Measuring windows for the ring test; the least allocation of them counts. */
    private static final int WINDOWS = 5;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void publishAndAcquireAllocateNothing() {
        try (SharedArena arena = SharedArena.allocate(ArenaLayout.packed(4096, 4096, 0))) {
            TripleBuffer buffer = arena.tripleBuffer(Stage.COMPUTE, DeliveryMode.LIVE, WaitPolicy.BACKOFF);
            long sink = rounds(buffer, ROUNDS); // warm-up: interpreter, then compiled code
            sink += rounds(buffer, ROUNDS);
            long before = THREADS.getCurrentThreadAllocatedBytes();
            sink += rounds(buffer, ROUNDS);
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            assertThat(allocated).as("bytes allocated by %d publish+acquire rounds", ROUNDS).isZero();
            assertThat(sink).isNotZero();
        }
    }

    private static long rounds(TripleBuffer buffer, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            buffer.back().set(ValueLayout.JAVA_LONG, 0, i);
            long published = buffer.publish();
            long front = buffer.acquire();
            MemorySegment segment = buffer.front();
            sum += segment.get(ValueLayout.JAVA_LONG, 0) + buffer.readLong(front, 0) + (published & 1);
        }
        return sum;
    }

    @Test
    void ringEventsAllocateNothingOnEitherThread() throws Exception {
        long[] handled = new long[1];
        ControlRing ring = new ControlRing(1024, ProducerType.SINGLE, WaitPolicy.YIELDING,
                (event, sequence, end) -> handled[0] += event.frame());
        ControlBatch batch = ring.newBatch(3);
        Thread consumer = new Thread(ring.consumer(), "consumer");
        consumer.start();
        try {
            publish(ring, batch, 0, 2 * ROUNDS); // warm-up
            awaitHandled(ring);
            // The least of a few windows: a method the JIT recompiles or deoptimises mid-window runs
            // once in the interpreter, where objects it normally scalar-replaces are allocated (about
            // 100 bytes, once). A real allocation per event would show in every window, 16 bytes or
            // more times 100,000.
            long producerAllocated = Long.MAX_VALUE;
            long consumerAllocated = Long.MAX_VALUE;
            long next = 2 * ROUNDS;
            for (int window = 0; window < WINDOWS && (producerAllocated > 0 || consumerAllocated > 0); window++) {
                long consumerBefore = THREADS.getThreadAllocatedBytes(consumer.threadId());
                long producerBefore = THREADS.getCurrentThreadAllocatedBytes();
                publish(ring, batch, next, ROUNDS);
                producerAllocated = Math.min(producerAllocated, THREADS.getCurrentThreadAllocatedBytes() - producerBefore);
                awaitHandled(ring);
                consumerAllocated = Math.min(consumerAllocated,
                        THREADS.getThreadAllocatedBytes(consumer.threadId()) - consumerBefore);
                next += ROUNDS;
            }
            assertThat(producerAllocated).as("producer bytes for %d events", ROUNDS).isZero();
            assertThat(consumerAllocated).as("consumer bytes for %d events", ROUNDS).isZero();
            assertThat(ring.consumer().handledSequence()).isEqualTo(next - 1);
        } finally {
            ring.consumer().halt();
            consumer.join(5_000);
        }
    }

    /** Publishes frames {@code from..from+count-1}: one event alone, then three as a batch, in turn. */
    private static void publish(ControlRing ring, ControlBatch batch, long from, int count) {
        long timeout = TimeUnit.SECONDS.toNanos(10);
        for (long f = from; f < from + count; f += 4) {
            batch.addTick(f + 1, 1, 0, 0).addTick(f + 2, 1, 0, 0).addTick(f + 3, 1, 0, 0);
            if (!ring.publishTick(f, 1, 0, 0, timeout) || !ring.publish(batch, timeout)) {
                throw new AssertionError("ring stayed full");
            }
        }
    }

    private static void awaitHandled(ControlRing ring) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ring.consumer().handledSequence() < ring.publishedSequence()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("consumer did not catch up");
            }
            Thread.sleep(1);
        }
    }
}
