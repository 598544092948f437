package org.orrery.memory.ring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.lmax.disruptor.dsl.ProducerType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
        List<Thread> publishers = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Thread t = new Thread(() -> {
                for (int f = 1; f <= perProducer; f++) {
                    if (!ring.publishTick(f, 1, id, 0, TimeUnit.SECONDS.toNanos(10))) {
                        errors.add("producer " + id + " timed out");
                        return;
                    }
                }
            });
            publishers.add(t);
            t.start();
        }
        for (Thread t : publishers) {
            t.join();
        }
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
    void refusesBadArguments() {
        assertThatThrownBy(() -> new ControlRing(6, ProducerType.SINGLE, WaitPolicy.BACKOFF, (e, s, end) -> { }))
                .hasMessageContaining("power of two");
        ControlRing ring = new ControlRing(2, ProducerType.SINGLE, WaitPolicy.BACKOFF, (e, s, end) -> { });
        assertThatThrownBy(() -> ring.publishCommand(ControlType.TICK, 0)).hasMessageContaining("publishTick");
        assertThatThrownBy(() -> ring.publishParameter(1, -1, 0, 0)).hasMessageContaining("negative");
    }
}
