package org.orrery.servo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Servo's threads run on the CPUs given to the engine (the renderer's): this module's tests give
 * it CPU 0 ({@code orrery.servo.cpus} in the pom), and the threads Servo starts inherit it from the
 * engine thread. Without the inheritance only the engine thread would be on CPU 0 alone.
 */
class ServoThreadsTest {

    @Test
    void everyThreadServoStartsRunsOnTheEnginesCpus() throws Exception {
        ServoView view = ServoRig.page("<!doctype html><p>threads</p><script>setTimeout(function () {}, 1)</script>",
                100, 60);
        try {
            assertThat(ServoEngine.shared().cpus()).containsExactly(0);
            List<String> onCpuZero = new ArrayList<>();
            List<String> elsewhere = new ArrayList<>();
            try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    String status = status(task);
                    if (status == null) {
                        continue; // the thread ended meanwhile
                    }
                    String name = field(status, "Name:");
                    ("0".equals(field(status, "Cpus_allowed_list:")) ? onCpuZero : elsewhere).add(name);
                }
            }
            System.out.println("threads on CPU 0 alone: " + onCpuZero.size() + " " + onCpuZero);
            assertThat(onCpuZero).contains("servo-engine");
            // Servo starts dozens (constellation, script, layout, WebRender, fonts, SpiderMonkey's helpers).
            assertThat(onCpuZero.size()).as("threads on CPU 0 alone: %s", onCpuZero).isGreaterThanOrEqualTo(10);
        } finally {
            view.close();
        }
    }

    private static String status(Path task) {
        try {
            return Files.readString(task.resolve("status"));
        } catch (IOException e) {
            return null;
        }
    }

    private static String field(String status, String key) {
        return status.lines().filter(l -> l.startsWith(key)).map(l -> l.substring(key.length()).trim()).findFirst()
                .orElse("");
    }
}
