package org.orrery.bench.memory;

import com.lmax.disruptor.dsl.ProducerType;
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
import org.orrery.memory.ring.ControlRing;
import org.orrery.memory.wait.WaitPolicy;

/**
 * Control events per second from one producer thread to one consumer thread, end to end: each
 * invocation moves {@value #BATCH} events and waits until the consumer has read the last one. The
 * {@link ControlRing} runs beside an {@link ArrayBlockingQueue} of the same capacity
 * ({@value #CAPACITY}) carrying the same fields, once as a queue is normally used (a new immutable
 * message per event) and once with preallocated messages (only references move: the queue's floor).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ControlTransferBench {

    static final int BATCH = 100_000;
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
            consumer = new Thread(() -> {
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
                if (sum == 42) {
                    System.out.print("");
                }
            }, "queue-consumer");
            consumer.setDaemon(true);
            consumer.start();
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
    @OperationsPerInvocation(BATCH)
    public void controlRing(Ring s) {
        ControlRing ring = s.ring;
        for (int i = 0; i < BATCH; i++) {
            if (!ring.publishTick(++s.nextFrame, 1, 0, 0, Long.MAX_VALUE)) {
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
    @OperationsPerInvocation(BATCH)
    public void arrayBlockingQueue(Queue s) throws InterruptedException {
        long target = s.consumed.get(16) + BATCH;
        for (int i = 0; i < BATCH; i++) {
            s.queue.put(new ControlMessage(0, ++s.nextFrame, 1, 0, 0, -1, 0.0));
        }
        s.awaitConsumed(target);
    }

    /** The queue's floor: preallocated messages, so only references move and nothing is allocated. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void arrayBlockingQueueReferencesOnly(Queue s) throws InterruptedException {
        long target = s.consumed.get(16) + BATCH;
        ControlMessage[] messages = Queue.PREALLOCATED;
        for (int i = 0; i < BATCH; i++) {
            s.queue.put(messages[i & (messages.length - 1)]);
        }
        s.awaitConsumed(target);
    }
}
