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
        CountDownLatch pinned = new CountDownLatch(1);
        String[] seen = new String[2];
        Runnable report = () -> {
            try {
                pinned.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen[Thread.currentThread().getName().startsWith("to-pin") ? 0 : 1] = Affinity.getAffinity().toString();
        };
        Thread toPin = Thread.ofPlatform().name("to-pin-by-name").start(report);
        Thread other = Thread.ofPlatform().name("left-alone").start(report);
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
        CountDownLatch done = new CountDownLatch(1);
        Runnable waiting = () -> {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread toRenice = Thread.ofPlatform().name("to-renice-by-name").start(waiting);
        Thread other = Thread.ofPlatform().name("left-alone-too").start(waiting);
        try {
            assertThat(ThreadsByName.renice(List.of("to-renice-by-name", "no-such-thread"), 7)).isEqualTo(1);
            assertThat(nice("to-renice-by-name")).isEqualTo(7);
            assertThat(nice("left-alone-too")).isZero();
        } finally {
            done.countDown();
            toRenice.join();
            other.join();
        }
    }

    /** The nice value of this process's thread named {@code name}, from /proc/self/task/TID/stat. */
    private static int nice(String name) throws Exception {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                if (Files.readString(task.resolve("comm")).strip().equals(name.substring(0, Math.min(15, name.length())))) {
                    String stat = Files.readString(task.resolve("stat"));
                    // "TID (NAME) STATE PPID ...": the nice value is field 19, the 17th after the name.
                    return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
                }
            }
        }
        throw new AssertionError("no thread " + name);
    }
}
