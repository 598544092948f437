package org.orrery.memory.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lmax.disruptor.dsl.ProducerType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.orrery.memory.handle.GenIndex;
import org.orrery.memory.wait.WaitPolicy;

class ControlRingTest {

    private final List<Thread> threads = new ArrayList<>();
    private final List<ControlConsumer> consumers = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        consumers.forEach(ControlConsumer::halt);
        for (Thread t : threads) {
            t.join(5_000);
        }
    }

    private void start(ControlRing ring) {
        consumers.add(ring.consumer());
        Thread t = new Thread(ring.consumer(), "control-consumer");
        threads.add(t);
        t.start();
    }

    @Test
    void deliversEveryKindOfEventInOrderWithItsValues() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(5);
        ControlRing ring = new ControlRing(8, ProducerType.SINGLE, WaitPolicy.BLOCKING, (event, sequence, end) -> {
            seen.add(sequence + ":" + event);
            done.countDown();
        });
        start(ring);
        assertThat(ring.publishTick(12, 16_666_667, 3, GenIndex.of(1, 5), 0)).isTrue();
        assertThat(ring.publishParameter(4, 2, 0.25, 0)).isTrue();
        assertThat(ring.publishCommand(ControlType.PAUSE, 0)).isTrue();
        assertThat(ring.publishCommand(ControlType.RESUME, 0)).isTrue();
        assertThat(ring.publishCommand(ControlType.SHUTDOWN, 0)).isTrue();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsExactly(
                "0:TICK(frame 12, dt 16666667 ns, params gen 3, frame #1@5)",
                "1:PARAMETER_CHANGE(#2 = 0.25, params gen 4)",
                "2:PAUSE", "3:RESUME", "4:SHUTDOWN");
        assertThat(ring.publishedSequence()).isEqualTo(4);
    }

    @Test
    void aFullRingRefusesATryAndTimesOutABlockingPublish() {
        ControlRing ring = new ControlRing(4, ProducerType.MULTI, WaitPolicy.BLOCKING, (e, s, end) -> { });
        // The consumer is not running: nothing frees a slot.
        for (int i = 0; i < 4; i++) {
            assertThat(ring.publishTick(i, 1, 0, 0, 0)).isTrue();
        }
        assertThat(ring.remainingCapacity()).isZero();
        assertThat(ring.publishTick(4, 1, 0, 0, 0)).isFalse();
        long start = System.nanoTime();
        assertThat(ring.publishCommand(ControlType.PAUSE, TimeUnit.MILLISECONDS.toNanos(30))).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
        assertThat(ring.publishedSequence()).as("nothing published past capacity").isEqualTo(3);
    }

    @Test
    void aBlockedPublisherProceedsOnceTheConsumerMakesRoom() throws Exception {
        CountDownLatch handled = new CountDownLatch(5);
        ControlRing ring = new ControlRing(4, ProducerType.SINGLE, WaitPolicy.BACKOFF, (e, s, end) -> handled.countDown());
        for (int i = 0; i < 4; i++) {
            assertThat(ring.publishTick(i, 1, 0, 0, 0)).isTrue();
        }
        Thread late = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            start(ring);
        });
        late.start();
        assertThat(ring.publishTick(4, 1, 0, 0, TimeUnit.SECONDS.toNanos(5))).isTrue();
        assertThat(handled.await(5, TimeUnit.SECONDS)).isTrue();
        late.join();
    }

    @Test
    void aThrowingHandlerIsCountedAndTheNextEventsStillArrive() throws Exception {
        CountDownLatch later = new CountDownLatch(2);
        ControlRing ring = new ControlRing(8, ProducerType.SINGLE, WaitPolicy.BLOCKING, (event, sequence, end) -> {
            if (event.frame() == 1) {
                throw new IllegalStateException("kernel exploded");
            }
            later.countDown();
        });
        start(ring);
        ring.publishTick(1, 1, 0, 0, 0);
        ring.publishTick(2, 1, 0, 0, 0);
        ring.publishTick(3, 1, 0, 0, 0);
        assertThat(later.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ring.consumer().failures()).isEqualTo(1);
        assertThat(ring.consumer().isRunning()).isTrue();
    }

    @Test
    void manyProducersLoseNothingAndKeepEachProducersOrder() throws Exception {
        int producers = 4;
        int perProducer = 50_000;
        long[] lastFrame = new long[producers];
        long[] count = new long[producers];
        CountDownLatch all = new CountDownLatch(producers * perProducer);
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        ControlRing ring = new ControlRing(64, ProducerType.MULTI, WaitPolicy.YIELDING, (event, sequence, end) -> {
            int p = (int) event.parameterGeneration();
            if (event.frame() != lastFrame[p] + 1) {
                errors.add("producer " + p + ": frame " + event.frame() + " after " + lastFrame[p]);
            }
            lastFrame[p] = event.frame();
            count[p]++;
            all.countDown();
        });
        start(ring);
        runProducers(producers, id -> {
            for (int f = 1; f <= perProducer; f++) {
                if (!ring.publishTick(f, 1, id, 0, TimeUnit.SECONDS.toNanos(10))) {
                    errors.add("producer " + id + " timed out");
                    return;
                }
            }
        });
        assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(errors).isEmpty();
        for (int p = 0; p < producers; p++) {
            assertThat(count[p]).isEqualTo(perProducer);
        }
    }

    /**
     * One event at a time with the consumer idle in between, so that it parks before each event:
     * a lost wake-up leaves an event unhandled and fails the one-second wait.
     */
    @ParameterizedTest
    @EnumSource(value = WaitPolicy.class, names = {"BACKOFF", "BLOCKING"})
    void aSleepingConsumerWakesForEveryEvent(WaitPolicy policy) throws Exception {
        ControlRing ring = new ControlRing(16, ProducerType.SINGLE, policy, (e, s, end) -> { });
        start(ring);
        for (int i = 0; i < 300; i++) {
            if (i % 10 == 0) {
                Thread.sleep(2); // long enough for the consumer to spin out and park
            }
            assertThat(ring.publishTick(i, 1, 0, 0, 0)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            while (ring.consumer().handledSequence() < i) {
                assertThat(System.nanoTime()).as("event %d handled within a second", i).isLessThan(deadline);
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void aBatchArrivesWholeAndInOrderAcrossTheRingsWrap() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        int batches = 7; // 3 events each through 8 slots: several batches straddle the wrap
        CountDownLatch done = new CountDownLatch(3 * batches);
        ControlRing ring = new ControlRing(8, ProducerType.SINGLE, WaitPolicy.BLOCKING, (event, sequence, end) -> {
            seen.add(sequence + ":" + event);
            done.countDown();
        });
        start(ring);
        ControlBatch batch = ring.newBatch(3);
        List<String> expected = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            batch.addParameter(b, 1, b / 4.0).addTick(b, 1_000, b, GenIndex.of(b, 1)).addCommand(ControlType.PAUSE);
            assertThat(ring.publish(batch, TimeUnit.SECONDS.toNanos(5))).isTrue();
            assertThat(batch.size()).as("a published batch is cleared").isZero();
            expected.add(3 * b + ":PARAMETER_CHANGE(#1 = " + (b / 4.0) + ", params gen " + b + ")");
            expected.add((3 * b + 1) + ":TICK(frame " + b + ", dt 1000 ns, params gen " + b + ", frame #" + b + "@1)");
            expected.add((3 * b + 2) + ":PAUSE");
        }
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(ring.publish(batch, 0)).as("an empty batch publishes nothing").isTrue();
        assertThat(ring.publishedSequence()).isEqualTo(3L * batches - 1);
    }

    @Test
    void aBufferChangeTravelsAsItsValuesThenItsLength() throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<Integer> misread = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(4);
        ControlRing ring = new ControlRing(8, ProducerType.SINGLE, WaitPolicy.BLOCKING, (event, sequence, end) -> {
            seen.add(sequence + ":" + event);
            // Each accessor answers only for its own type, so a handler cannot mistake one for another.
            if (event.type() != ControlType.BUFFER_VALUE && event.bufferIndex() != -1
                    || event.type() != ControlType.BUFFER_LENGTH && event.bufferRecords() != -1
                    || event.type() == ControlType.BUFFER_VALUE && event.parameterIndex() != -1) {
                misread.add((int) sequence);
            }
            done.countDown();
        });
        start(ring);
        ControlBatch batch = ring.newBatch(4).addBufferValue(9, 0, 12.5).addBufferValue(9, 5, -3)
                .addBufferLength(9, 2).addTick(1, 10, 9, 0);
        assertThat(ring.publish(batch, TimeUnit.SECONDS.toNanos(5))).isTrue();
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsExactly("0:BUFFER_VALUE(#0 = 12.5)", "1:BUFFER_VALUE(#5 = -3.0)",
                "2:BUFFER_LENGTH(2 records)", "3:TICK(frame 1, dt 10 ns, params gen 9, frame #0@0)");
        assertThat(misread).isEmpty();
        assertThatThrownBy(() -> batch.addBufferValue(0, -1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> batch.addBufferLength(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ring.publishCommand(ControlType.BUFFER_LENGTH, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBatchThatDoesNotFitWhollyIsRefusedAndKept() {
        ControlRing ring = new ControlRing(4, ProducerType.SINGLE, WaitPolicy.BLOCKING, (e, s, end) -> { });
        // The consumer is not running: two slots stay taken.
        assertThat(ring.publishTick(0, 1, 0, 0, 0)).isTrue();
        assertThat(ring.publishTick(1, 1, 0, 0, 0)).isTrue();
        ControlBatch batch = ring.newBatch(3).addTick(2, 1, 0, 0).addTick(3, 1, 0, 0).addTick(4, 1, 0, 0);
        assertThat(ring.publish(batch, 0)).isFalse();
        assertThat(ring.publish(batch, TimeUnit.MILLISECONDS.toNanos(20))).isFalse();
        assertThat(batch.size()).as("a refused batch keeps its events").isEqualTo(3);
        assertThat(ring.publishedSequence()).as("no part of the batch was published").isEqualTo(1);
    }

    @Test
    void batchesFromManyProducersNeverInterleave() throws Exception {
        int producers = 3;
        int batchesEach = 20_000;
        int batchSize = 5;
        long[] nextFrame = new long[producers];
        int[] runOwner = {-1};
        int[] runLength = {0};
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch all = new CountDownLatch(producers * batchesEach * batchSize);
        ControlRing ring = new ControlRing(64, ProducerType.MULTI, WaitPolicy.YIELDING, (event, sequence, end) -> {
            int p = event.parameterGeneration();
            if (runLength[0] == 0) {
                runOwner[0] = p;
            } else if (runOwner[0] != p) {
                errors.add("sequence " + sequence + ": producer " + p + " inside a batch of producer " + runOwner[0]);
            }
            runLength[0] = (runLength[0] + 1) % batchSize;
            if (event.frame() != nextFrame[p]) {
                errors.add("producer " + p + ": frame " + event.frame() + ", expected " + nextFrame[p]);
            }
            nextFrame[p] = event.frame() + 1;
            all.countDown();
        });
        start(ring);
        runProducers(producers, id -> {
            ControlBatch batch = ring.newBatch(batchSize);
            long frame = 0;
            for (int b = 0; b < batchesEach; b++) {
                for (int e = 0; e < batchSize; e++) {
                    batch.addTick(frame++, 1, id, 0);
                }
                if (!ring.publish(batch, TimeUnit.SECONDS.toNanos(10))) {
                    errors.add("producer " + id + " timed out");
                    return;
                }
            }
        });
        assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(errors).isEmpty();
    }

    /** Runs {@code body} on {@code count} threads at once, given each thread's index, and joins them. */
    private static void runProducers(int count, IntConsumer body) throws InterruptedException {
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            int id = p;
            Thread t = new Thread(() -> body.accept(id), "producer-" + p);
            producers.add(t);
            t.start();
        }
        for (Thread t : producers) {
            t.join();
        }
    }

    @Test
    void refusesBadArguments() {
        assertThatThrownBy(() -> new ControlRing(6, ProducerType.SINGLE, WaitPolicy.BACKOFF, (e, s, end) -> { }))
                .hasMessageContaining("power of two");
        ControlRing ring = new ControlRing(2, ProducerType.SINGLE, WaitPolicy.BACKOFF, (e, s, end) -> { });
        assertThatThrownBy(() -> ring.publishCommand(ControlType.TICK, 0)).hasMessageContaining("publishTick");
        assertThatThrownBy(() -> ring.publishParameter(1, -1, 0, 0)).hasMessageContaining("negative");
        assertThatThrownBy(() -> ring.newBatch(0)).hasMessageContaining("1 to 2 events");
        assertThatThrownBy(() -> ring.newBatch(3)).hasMessageContaining("1 to 2 events");
        ControlBatch batch = ring.newBatch(2).addTick(0, 1, 0, 0).addCommand(ControlType.RESUME);
        assertThatThrownBy(() -> batch.addTick(2, 1, 0, 0)).hasMessageContaining("batch is full");
        assertThatThrownBy(() -> batch.addCommand(ControlType.PARAMETER_CHANGE)).hasMessageContaining("publishParameter");
        ControlRing other = new ControlRing(2, ProducerType.SINGLE, WaitPolicy.BACKOFF, (e, s, end) -> { });
        assertThatThrownBy(() -> other.publish(batch, 0)).hasMessageContaining("another control ring");
    }
}
