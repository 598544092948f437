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
}
