package org.orrery.memory.wait;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WaitPolicyTest {

    @ParameterizedTest
    @EnumSource(WaitPolicy.class)
    void returnsOnceAnotherThreadMakesTheConditionTrue(WaitPolicy policy) throws Exception {
        WaitStrategy wait = policy.newWait();
        AtomicBoolean flag = new AtomicBoolean();
        Thread setter = new Thread(() -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
            flag.set(true);
            wait.signal();
        });
        setter.start();
        assertThat(wait.await(flag::get, System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isTrue();
        setter.join();
    }

    @ParameterizedTest
    @EnumSource(WaitPolicy.class)
    void givesUpAtTheDeadlineAndOnInterrupt(WaitPolicy policy) {
        WaitStrategy wait = policy.newWait();
        long start = System.nanoTime();
        assertThat(wait.await(() -> false, start + TimeUnit.MILLISECONDS.toNanos(20))).isFalse();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(20));

        Thread.currentThread().interrupt();
        assertThat(wait.await(() -> false, System.nanoTime() + TimeUnit.SECONDS.toNanos(10))).isFalse();
        assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
    }

    /**
     * The sleeping policies must not burn a core while there is nothing to do. The bound is loose
     * (a quarter of one core) so that a busy CI machine does not make it flaky; a spinning wait
     * costs close to the whole core and fails it.
     */
    @ParameterizedTest
    @EnumSource(value = WaitPolicy.class, names = {"BACKOFF", "BLOCKING"})
    void sleepingPoliciesCostLittleCpuWhileIdle(WaitPolicy policy) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        WaitStrategy wait = policy.newWait();
        AtomicLong cpu = new AtomicLong();
        AtomicLong wall = new AtomicLong();
        BooleanSupplier never = () -> false;
        Thread waiter = new Thread(() -> {
            wait.await(never, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50)); // warm up
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            wait.await(never, wallStart + TimeUnit.MILLISECONDS.toNanos(500));
            cpu.set(threads.getCurrentThreadCpuTime() - cpuStart);
            wall.set(System.nanoTime() - wallStart);
        });
        waiter.start();
        waiter.join();
        assertThat((double) cpu.get() / wall.get()).as("share of a core used while idle").isLessThan(0.25);
    }
}
