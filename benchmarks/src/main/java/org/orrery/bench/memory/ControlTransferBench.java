package org.orrery.bench.memory;

import com.lmax.disruptor.dsl.ProducerType;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Control events per second from one producer to one consumer thread: the {@link ControlRing}
 * beside an {@link ArrayBlockingQueue} of the same capacity doing the same transfer (put/take of
 * preallocated, immutable events). Each invocation moves {@value #BATCH} events and waits until
 * the consumer has handled the last one, so the figure is end-to-end throughput, not enqueue speed.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ControlTransferBench {

    static final int BATCH = 100_000;

    @State(Scope.Benchmark)
    public static class Ring {
        @Param({"YIELDING", "BACKOFF", "BLOCKING"})
        public WaitPolicy policy;

        @Param({"1024", "65536"})
        public int capacity;

        ControlRing ring;
        Thread consumer;
        long nextFrame;
        final long[] sum = new long[1];

        @Setup(Level.Trial)
        public void start() {
            // The consumer reads each event; completion is seen through the ring's own sequence.
            ring = new ControlRing(capacity, ProducerType.SINGLE, policy, (event, sequence, end) -> sum[0] += event.frame());
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

    @State(Scope.Benchmark)
    public static class Queue {
        /** Preallocated events: the queue moves references, as the ring moves slots. */
        static final Long[] EVENTS = new Long[1 << 17];

        static {
            for (int i = 0; i < EVENTS.length; i++) {
                EVENTS[i] = (long) i;
            }
        }

        @Param({"1024", "65536"})
        public int capacity;

        ArrayBlockingQueue<Long> queue;
        Thread consumer;
        /** Events taken; written with release order only, like the ring consumer's sequence. */
        final AtomicLong consumed = new AtomicLong();
        volatile boolean running;

        @Setup(Level.Trial)
        public void start() {
            queue = new ArrayBlockingQueue<>(capacity);
            running = true;
            consumer = new Thread(() -> {
                long count = 0;
                long sum = 0;
                try {
                    while (running) {
                        sum += queue.take();
                        consumed.lazySet(++count);
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

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void arrayBlockingQueue(Queue s) throws InterruptedException {
        long target = s.consumed.get() + BATCH;
        Long[] events = Queue.EVENTS;
        for (int i = 0; i < BATCH; i++) {
            s.queue.put(events[i & (events.length - 1)]);
        }
        while (s.consumed.get() < target) {
            Thread.onSpinWait();
        }
    }
}
