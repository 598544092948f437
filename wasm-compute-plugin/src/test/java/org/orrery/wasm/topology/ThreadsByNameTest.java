package org.orrery.wasm.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import net.openhft.affinity.Affinity;
import org.junit.jupiter.api.Test;

class ThreadsByNameTest {

    @Test
    void pinsTheThreadsOfThatNameOnlyToTheCpusGiven() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        int last = Runtime.getRuntime().availableProcessors() - 1;
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch pinned = new CountDownLatch(1);
        String[] seen = new String[2];
        Runnable report = () -> {
            running.countDown();
            try {
                pinned.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen[Thread.currentThread().getName().startsWith("to-pin") ? 0 : 1] = Affinity.getAffinity().toString();
        };
        Thread toPin = Thread.ofPlatform().name("to-pin-by-name").start(report);
        Thread other = Thread.ofPlatform().name("left-alone").start(report);
        running.await(); // a new thread gives the kernel its name itself, once it runs
        assertThat(ThreadsByName.pin("to-pin-by-name", List.of(last))).isEqualTo(1);
        pinned.countDown();
        toPin.join();
        other.join();
        assertThat(seen[0]).isEqualTo("{" + last + "}");
        assertThat(seen[1]).isEqualTo(Affinity.getAffinity().toString());
        assertThat(ThreadsByName.pin("no-thread-is-called-this", List.of(0))).isZero();
    }

    @Test
    void lowersThePriorityOfTheThreadsOfThatNameOnly() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        whileWaiting("to-renice-by-name", "left-alone-too", () -> {
            assertThat(ThreadsByName.renice(List.of("to-renice-by-name", "no-such-thread"), 7)).isEqualTo(1);
            assertThat(nice("to-renice-by-name")).isEqualTo(7);
            assertThat(nice("left-alone-too")).isZero();
        });
    }

    @Test
    void putsTheThreadsOfThatNameOnlyUnderTheIdlePolicy() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        whileWaiting("to-idle-by-name", "left-alone-also", () -> {
            assertThat(ThreadsByName.toIdlePolicy(List.of("to-idle-by-name", "no-such-thread"))).isEqualTo(1);
            assertThat(policy("to-idle-by-name")).as("SCHED_IDLE").isEqualTo(5);
            assertThat(policy("left-alone-also")).as("SCHED_OTHER").isZero();
        });
    }

    private interface Check {
        void run() throws Exception;
    }

    /** Runs {@code check} while two threads of those names wait, then ends them. */
    private static void whileWaiting(String first, String second, Check check) throws Exception {
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch done = new CountDownLatch(1);
        Runnable waiting = () -> {
            running.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread one = Thread.ofPlatform().name(first).start(waiting);
        Thread two = Thread.ofPlatform().name(second).start(waiting);
        try {
            // Thread.start can return before the new thread has given the kernel its name, which it
            // does itself once it runs: until then /proc shows it as "java" (CI's run saw 0 threads).
            running.await();
            check.run();
        } finally {
            done.countDown();
            one.join();
            two.join();
        }
    }

    /** The nice value of this process's thread named {@code name}, from /proc/self/task/TID/stat. */
    private static int nice(String name) throws Exception {
        return statField(name, 19);
    }

    /** The scheduling policy of this process's thread named {@code name}: 0 ordinary, 5 idle. */
    private static int policy(String name) throws Exception {
        return statField(name, 41);
    }

    /** Field {@code field} (counted from 1, as proc(5) does) of the stat of this process's thread named {@code name}. */
    private static int statField(String name, int field) throws Exception {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                if (Files.readString(task.resolve("comm")).strip().equals(name.substring(0, Math.min(15, name.length())))) {
                    String stat = Files.readString(task.resolve("stat"));
                    // "TID (NAME) STATE PPID ...": field 3, the state, is the first after the name.
                    return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[field - 3]);
                }
            }
        }
        throw new AssertionError("no thread " + name);
    }
}
