package org.orrery.bench.memory;

import com.lmax.disruptor.dsl.ProducerType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLongArray;
import org.orrery.memory.ring.ControlBatch;
import org.orrery.memory.ring.ControlRing;
import org.orrery.memory.wait.WaitPolicy;

/**
 * The control ring and an {@link ArrayBlockingQueue} moving the same events, one producer and one
 * consumer, in alternating rounds within one process. JMH runs its benchmarks one after another,
 * so on a machine whose cross-core speed drifts (a shared 2-vCPU VM does) a JMH pair can compare
 * a good minute with a bad one; here each round's ratio compares neighbours in time.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar org.orrery.bench.memory.RingVersusQueueRounds [rounds] [events] [capacity] [batch]}
 */
public final class RingVersusQueueRounds {

    /** The same fields a tick carries through the ring, as a queue user would send them. */
    record Tick(long frame, long dtNanos, int parameterGeneration, long frameHandle) {}

    private RingVersusQueueRounds() {}

    public static void main(String[] args) throws InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
        int capacity = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        System.out.printf("%d rounds of %,d events, capacity %d, batches of %d, %d cores%n", rounds, events, capacity,
                batch, Runtime.getRuntime().availableProcessors());
        events -= events % batch;
        ring(WaitPolicy.YIELDING, capacity, 1, events / 10); // warm-up
        ring(WaitPolicy.YIELDING, capacity, batch, events / 10);
        queue(capacity, false, events / 10);
        queue(capacity, true, events / 10);
        double[] perEvent = new double[rounds];
        double[] batched = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double yielding = ring(WaitPolicy.YIELDING, capacity, 1, events);
            double inBatches = ring(WaitPolicy.YIELDING, capacity, batch, events);
            double blocking = ring(WaitPolicy.BLOCKING, capacity, 1, events);
            double take = queue(capacity, false, events);
            double drain = queue(capacity, true, events);
            double bestQueue = Math.max(take, drain);
            perEvent[r] = yielding / bestQueue;
            batched[r] = inBatches / bestQueue;
            System.out.printf("round %2d  ring YIELDING %6.1f  batched %6.1f  BLOCKING %6.1f"
                            + "  queue take %6.1f  drainTo %6.1f M events/s  ratios to the better queue %.1fx / %.1fx%n",
                    r, yielding, inBatches, blocking, take, drain, perEvent[r], batched[r]);
        }
        System.out.println("ring YIELDING / better queue, per event: " + summary(perEvent));
        System.out.println("ring YIELDING / better queue, batches of " + batch + ": " + summary(batched));
    }

    private static String summary(double[] ratios) {
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        return String.format("median %.1fx (min %.1fx, max %.1fx)", sorted[sorted.length / 2], sorted[0],
                sorted[sorted.length - 1]);
    }

    private static double ring(WaitPolicy policy, int capacity, int batchSize, int events) throws InterruptedException {
        long[] sum = new long[32]; // the consumer's sum sits mid-array: no cache line shared with the producer
        ControlRing ring = new ControlRing(capacity, ProducerType.SINGLE, policy,
                (event, sequence, end) -> sum[16] += event.frame());
        ControlBatch batch = ring.newBatch(batchSize);
        Thread consumer = new Thread(ring.consumer(), "ring-consumer");
        consumer.start();
        long start = System.nanoTime();
        if (batchSize == 1) {
            for (int i = 0; i < events; i++) {
                ring.publishTick(i, 1, 0, 0, Long.MAX_VALUE);
            }
        } else {
            for (int i = 0; i < events; i += batchSize) {
                for (int e = 0; e < batchSize; e++) {
                    batch.addTick(i + e, 1, 0, 0);
                }
                ring.publish(batch, Long.MAX_VALUE);
            }
        }
        while (ring.consumer().handledSequence() < events - 1) {
            Thread.onSpinWait();
        }
        long elapsed = System.nanoTime() - start;
        ring.consumer().halt();
        consumer.join();
        return events * 1e3 / elapsed;
    }

    /** A new message per event; the consumer takes them one by one, or drains all queued at once. */
    private static double queue(int capacity, boolean drain, int events) throws InterruptedException {
        ArrayBlockingQueue<Tick> queue = new ArrayBlockingQueue<>(capacity);
        AtomicLongArray taken = new AtomicLongArray(32);
        Thread consumer = new Thread(() -> {
            ArrayList<Tick> drained = new ArrayList<>(capacity);
            long sum = 0;
            try {
                for (int i = 0; i < events; ) {
                    drained.add(queue.take());
                    if (drain) {
                        queue.drainTo(drained);
                    }
                    for (int k = 0; k < drained.size(); k++) {
                        sum += drained.get(k).frame();
                    }
                    i += drained.size();
                    drained.clear();
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
