package org.orrery.bench.jfr;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingSummaryTest {

    private static final long HOLD_MILLIS = 300;

    @Test
    void separatesLockContentionFromWaitingForWork(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("run.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ThreadPark").withThreshold(Duration.ZERO);
            recording.enable("jdk.JavaMonitorEnter").withThreshold(Duration.ZERO);
            recording.enable("jdk.ThreadSleep").withThreshold(Duration.ZERO); // names the holder, as a real recording would
            recording.start();
            ReentrantLock lock = new ReentrantLock();
            CountDownLatch held = new CountDownLatch(1);
            Thread holder = Thread.ofPlatform().name("orrery-holder").start(() -> {
                lock.lock();
                try {
                    held.countDown();
                    sleep(HOLD_MILLIS); // a sleep, not a park: the holder itself is not blocked
                } finally {
                    lock.unlock();
                }
            });
            Thread contender = Thread.ofPlatform().name("orrery-contender").start(() -> {
                awaitQuietly(held);
                lock.lock(); // parks on the lock for most of HOLD_MILLIS
                lock.unlock();
            });
            Thread idle = Thread.ofPlatform().name("orrery-idle").start(
                    () -> LockSupport.parkNanos(this, HOLD_MILLIS * 1_000_000)); // waiting for work
            Thread outsider = Thread.ofPlatform().name("someone-else").start(() -> {
                awaitQuietly(held);
                lock.lock(); // contends too, but is not a pipeline thread
                lock.unlock();
            });
            for (Thread t : new Thread[] {holder, contender, idle, outsider}) {
                t.join();
            }
            recording.stop();
            recording.dump(file);
        }
        RecordingSummary summary = new RecordingSummary(Pattern.compile("orrery-.*"));
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            summary.add(event);
        }
        String report = summary.report();

        assertThat(report).contains("orrery-contender").contains("orrery-idle").doesNotContain("someone-else");
        assertThat(report).contains("contention: park on java.util.concurrent.locks.ReentrantLock$NonfairSync")
                .contains("wait: park on " + RecordingSummaryTest.class.getName());
        // One of the pipeline's three threads contends for most of the recording: about a third.
        // Counting the outsider (a fourth thread) would give about a half, and counting the idle
        // wait as contention about two thirds.
        assertThat(summary.contentionShare()).isBetween(0.15, 0.4);
        assertThat(report).contains("ABOVE THE LIMIT");
    }

    @Test
    void onlyLocksCountAsContention() {
        assertThat(RecordingSummary.isLock("java.util.concurrent.locks.ReentrantLock$NonfairSync")).isTrue();
        assertThat(RecordingSummary.isLock("java.util.concurrent.locks.ReentrantReadWriteLock$FairSync")).isTrue();
        assertThat(RecordingSummary.isLock("org.orrery.memory.wait.BlockingWait")).isFalse();
        assertThat(RecordingSummary.isLock("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject"))
                .isFalse();
        assertThat(RecordingSummary.isLock("(no blocker)")).isFalse();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
