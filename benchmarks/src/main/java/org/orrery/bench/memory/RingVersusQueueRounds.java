package org.orrery.bench.memory;

import com.lmax.disruptor.dsl.ProducerType;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLongArray;
import org.orrery.memory.ring.ControlRing;
import org.orrery.memory.wait.WaitPolicy;

/**
 * The control ring and an {@link ArrayBlockingQueue} moving the same events, one producer and one
 * consumer, in alternating rounds within one process. JMH runs its benchmarks one after another,
 * so on a machine whose cross-core speed drifts (a shared 2-vCPU VM does) a JMH pair can compare
 * a good minute with a bad one; here each round's ratio compares neighbours in time.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar org.orrery.bench.memory.RingVersusQueueRounds [rounds] [events] [capacity]}
 */
public final class RingVersusQueueRounds {

    /** The same fields a tick carries through the ring, as a queue user would send them. */
    record Tick(long frame, long dtNanos, int parameterGeneration, long frameHandle) {}

    private RingVersusQueueRounds() {}

    public static void main(String[] args) throws InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
        int capacity = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        System.out.printf("%d rounds of %,d events, capacity %d, %d cores%n", rounds, events, capacity,
                Runtime.getRuntime().availableProcessors());
        ring(WaitPolicy.YIELDING, capacity, events / 10); // warm-up
        queue(capacity, events / 10);
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double yielding = ring(WaitPolicy.YIELDING, capacity, events);
            double blocking = ring(WaitPolicy.BLOCKING, capacity, events);
            double queue = queue(capacity, events);
            ratios[r] = yielding / queue;
            System.out.printf("round %2d  ring YIELDING %6.1f  ring BLOCKING %6.1f  ArrayBlockingQueue %6.1f M events/s"
                    + "  ratio %.1fx / %.1fx%n", r, yielding, blocking, queue, yielding / queue, blocking / queue);
        }
        java.util.Arrays.sort(ratios);
        System.out.printf("median ratio ring YIELDING / queue: %.1fx (min %.1fx, max %.1fx)%n",
                ratios[rounds / 2], ratios[0], ratios[rounds - 1]);
    }

    private static double ring(WaitPolicy policy, int capacity, int events) throws InterruptedException {
        long[] sum = new long[32]; // the consumer's sum sits mid-array: no cache line shared with the producer
        ControlRing ring = new ControlRing(capacity, ProducerType.SINGLE, policy,
                (event, sequence, end) -> sum[16] += event.frame());
        Thread consumer = new Thread(ring.consumer(), "ring-consumer");
        consumer.start();
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            ring.publishTick(i, 1, 0, 0, Long.MAX_VALUE);
        }
        while (ring.consumer().handledSequence() < events - 1) {
            Thread.onSpinWait();
        }
        long elapsed = System.nanoTime() - start;
        ring.consumer().halt();
        consumer.join();
        return events * 1e3 / elapsed;
    }

    private static double queue(int capacity, int events) throws InterruptedException {
        ArrayBlockingQueue<Tick> queue = new ArrayBlockingQueue<>(capacity);
        AtomicLongArray taken = new AtomicLongArray(32);
        Thread consumer = new Thread(() -> {
            long sum = 0;
            try {
                for (int i = 0; i < events; i++) {
                    sum += queue.take().frame();
                    taken.lazySet(16, sum);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "queue-consumer");
        consumer.start();
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            queue.put(new Tick(i, 1, 0, 0));
        }
        consumer.join();
        long elapsed = System.nanoTime() - start;
        return events * 1e3 / elapsed;
    }
}
