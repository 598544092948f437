package org.orrery.shell.run.late;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.concurrent.CountDownLatch;
import net.openhft.affinity.Affinity;
import org.junit.jupiter.api.Test;

class ThreadScheduleTest {

    private static final long MS = 1_000_000;

    @Test
    void twoThreadsSpinningOnOneCpuEachRunAndWaitForIt() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        ThreadSchedule schedule = ThreadSchedule.start();
        Thread.sleep(600); // a rescan finds the threads begun below only every 500 ms: start them after the first
        CountDownLatch ready = new CountDownLatch(2);
        Runnable spin = () -> {
            BitSet cpu0 = new BitSet();
            cpu0.set(0);
            Affinity.setAffinity(cpu0);
            ready.countDown();
            long until = System.nanoTime() + 1_500 * MS;
            double sink = 0;
            while (System.nanoTime() < until) {
                sink += Math.sqrt(sink + 1);
            }
            if (sink < 0) {
                System.out.println(sink);
            }
        };
        Thread a = Thread.ofPlatform().name("test-spin-a").start(spin);
        Thread b = Thread.ofPlatform().name("test-spin-b").start(spin);
        ready.await();
        Thread.sleep(700); // found by the next rescan
        long from = System.nanoTime();
        Thread.sleep(500);
        long to = System.nanoTime();
        a.join();
        b.join();
        schedule.close();

        CpuHistory.Window window = schedule.around(from, to);
        assertThat(window).isNotNull();
        assertThat(window.fromNanos()).isLessThanOrEqualTo(from);
        assertThat(window.toNanos()).isGreaterThanOrEqualTo(to);
        assertThat(window.cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
        for (String name : new String[] {"test-spin-a", "test-spin-b"}) {
            CpuHistory.ThreadCpu spinner = window.threads().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
            // Sharing one CPU over 500 ms: each ran and waited for a good part of it.
            assertThat(spinner.runNanos()).as("%s ran", name).isGreaterThan(100 * MS);
            assertThat(spinner.waitNanos()).as("%s waited", name).isGreaterThan(100 * MS);
        }
        assertThat(schedule.around(to + 10_000 * MS, to + 20_000 * MS)).as("after the samples").isNull();
    }
}
