package org.orrery.bench.memory;

import com.lmax.disruptor.dsl.ProducerType;
import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.orrery.memory.ring.ControlBatch;
import org.orrery.memory.ring.ControlRing;
import org.orrery.memory.wait.WaitPolicy;

/**
 * Control events per second from one producer thread to one consumer thread, end to end: each
 * invocation moves {@value #EVENTS} events and waits until the consumer has read the last one. The
 * {@link ControlRing} runs beside an {@link ArrayBlockingQueue} of the same capacity
 * ({@value #CAPACITY}) carrying the same fields, once as a queue is normally used (a new immutable
 * message per event) and once with preallocated messages (only references move: the queue's floor),
 * its consumer taking one message at a time or draining all queued ones at once. The ring also runs
 * with events published in batches ({@link ControlBatch}); a queue has no batch put (its
 * {@code addAll} is one locked {@code add} per element), so its producer side stays per event.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ControlTransferBench {

    static final int EVENTS = 100_000;
    static final int CAPACITY = 1024;

    @State(Scope.Benchmark)
    public static class Ring {
        @Param({"YIELDING", "BACKOFF", "BLOCKING"})
        public WaitPolicy policy;


        ControlRing ring;
        Thread consumer;
        long nextFrame;
        /** The consumer's running sum, in the middle of a padded array: no line shared with producer data. */
        final long[] sum = new long[32];

        @Setup(Level.Trial)
        public void start() {
            // The consumer reads each event; completion is seen through the ring's own sequence.
            ring = new ControlRing(CAPACITY, ProducerType.SINGLE, policy, (event, sequence, end) -> sum[16] += event.frame());
            consumer = new Thread(ring.consumer(), "ring-consumer");
            consumer.setDaemon(true);
            consumer.start();
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            ring.consumer().halt();
            consumer.join(5_000);
        }
    }

    /** The ring with events published in batches of {@link #batch} (one claim, one cursor update each). */
    @State(Scope.Benchmark)
    public static class BatchedRing {
        @Param({"4", "16"})
        public int batch;

        final Ring ring = new Ring();
        ControlBatch staged;

        @Setup(Level.Trial)
        public void start() {
            ring.policy = WaitPolicy.YIELDING;
            ring.start();
            staged = ring.ring.newBatch(batch);
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            ring.stop();
        }
    }

    /** What an {@link ArrayBlockingQueue} user would send: an immutable message per event. */
    record ControlMessage(int type, long frame, long dtNanos, long parameterGeneration, long frameHandle,
                          int parameterIndex, double parameterValue) {}

    @State(Scope.Benchmark)
    public static class Queue {
        /** Preallocated messages, for the references-only variant. */
        static final ControlMessage[] PREALLOCATED = new ControlMessage[1 << 16];

        static {
            for (int i = 0; i < PREALLOCATED.length; i++) {
                PREALLOCATED[i] = new ControlMessage(0, i, 1, 0, 0, -1, 0.0);
            }
        }

        /** How the consumer takes messages: one {@code take} each, or {@code drainTo} all there are. */
        @Param({"TAKE", "DRAIN"})
        public String consumerTakes;

        ArrayBlockingQueue<ControlMessage> queue;
        Thread consumer;
        /**
         * Messages taken, at index 16 of a padded array (no line shared with producer data),
         * written with release order only, like the ring consumer's sequence.
         */
        final AtomicLongArray consumed = new AtomicLongArray(32);
        volatile boolean running;
        long nextFrame;

        @Setup(Level.Trial)
        public void start() {
            queue = new ArrayBlockingQueue<>(CAPACITY);
            running = true;
            consumer = new Thread("DRAIN".equals(consumerTakes) ? this::drain : this::take, "queue-consumer");
            consumer.setDaemon(true);
            consumer.start();
        }

        private void take() {
            long count = 0;
            long sum = 0;
            try {
                while (running) {
                    sum += queue.take().frame();
                    consumed.lazySet(16, ++count);
                }
            } catch (InterruptedException e) {
                // stopping
            }
            blackhole(sum);
        }

        /** Takes one message blocking, then everything else already queued under the same lock. */
        private void drain() {
            ArrayList<ControlMessage> taken = new ArrayList<>(CAPACITY);
            long count = 0;
            long sum = 0;
            try {
                while (running) {
                    taken.add(queue.take());
                    queue.drainTo(taken);
                    for (int i = 0; i < taken.size(); i++) {
                        sum += taken.get(i).frame();
                    }
                    count += taken.size();
                    taken.clear();
                    consumed.lazySet(16, count);
                }
            } catch (InterruptedException e) {
                // stopping
            }
            blackhole(sum);
        }

        private static void blackhole(long sum) {
            if (sum == 42) {
                System.out.print("");
            }
        }

        @TearDown(Level.Trial)
        public void stop() throws InterruptedException {
            running = false;
            consumer.interrupt();
            consumer.join(5_000);
        }

        void awaitConsumed(long target) {
            while (consumed.get(16) < target) {
                Thread.onSpinWait();
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void controlRing(Ring s) {
        ControlRing ring = s.ring;
        for (int i = 0; i < EVENTS; i++) {
            if (!ring.publishTick(++s.nextFrame, 1, 0, 0, Long.MAX_VALUE)) {
                throw new IllegalStateException("ring stayed full");
            }
        }
        long last = ring.publishedSequence();
        while (ring.consumer().handledSequence() < last) {
            Thread.onSpinWait();
        }
    }

    /** The same transfer with the events published in batches: one claim and cursor update per batch. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void controlRingBatched(BatchedRing s) {
        ControlRing ring = s.ring.ring;
        ControlBatch staged = s.staged;
        int size = s.batch;
        for (int i = 0; i < EVENTS; i += size) {
            for (int e = 0; e < size; e++) {
                staged.addTick(++s.ring.nextFrame, 1, 0, 0);
            }
            if (!ring.publish(staged, Long.MAX_VALUE)) {
                throw new IllegalStateException("ring stayed full");
            }
        }
        long last = ring.publishedSequence();
        while (ring.consumer().handledSequence() < last) {
            Thread.onSpinWait();
        }
    }

    /** The same transfer through a queue: one immutable message per event, as a queue is normally used. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void arrayBlockingQueue(Queue s) throws InterruptedException {
        long target = s.consumed.get(16) + EVENTS;
        for (int i = 0; i < EVENTS; i++) {
            s.queue.put(new ControlMessage(0, ++s.nextFrame, 1, 0, 0, -1, 0.0));
        }
        s.awaitConsumed(target);
    }

    /** The queue's floor: preallocated messages, so only references move and nothing is allocated. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void arrayBlockingQueueReferencesOnly(Queue s) throws InterruptedException {
        long target = s.consumed.get(16) + EVENTS;
        ControlMessage[] messages = Queue.PREALLOCATED;
        for (int i = 0; i < EVENTS; i++) {
            s.queue.put(messages[i & (messages.length - 1)]);
        }
        s.awaitConsumed(target);
    }
}
