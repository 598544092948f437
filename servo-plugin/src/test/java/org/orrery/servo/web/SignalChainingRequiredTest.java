package org.orrery.servo.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Servo refuses to start in a JVM without signal chaining (no {@code libjsig.so} preloaded), with
 * a reason that says how to start it, rather than load SpiderMonkey's signal handlers over the
 * JVM's. Checked in a child JVM started without {@code LD_PRELOAD}.
 */
class SignalChainingRequiredTest {

    /** The child: asks for the engine and prints what it was told. */
    public static final class Probe {
        public static void main(String[] args) {
            try {
                ServoEngine.shared();
                System.out.println("started");
            } catch (ServoUnavailableException e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
    }

    @Test
    void aJvmWithoutLibjsigIsRefusedWithTheReason() throws Exception {
        ProcessBuilder child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "-D" + ServoEngine.LIBRARY_DIR_PROPERTY + "=" + System.getProperty(ServoEngine.LIBRARY_DIR_PROPERTY, ""),
                Probe.class.getName());
        child.environment().remove("LD_PRELOAD");
        child.redirectErrorStream(true);
        Process process = child.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).contains("refused: this JVM was started without signal chaining")
                .contains("LD_PRELOAD=" + Path.of(System.getProperty("java.home"), "lib", "libjsig.so"));
    }
}
