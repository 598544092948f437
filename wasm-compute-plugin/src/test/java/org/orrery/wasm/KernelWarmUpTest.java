package org.orrery.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.KernelDescriptorReader;

class KernelWarmUpTest {

    private static final int ITEMS = 4000;
    private static WasmRuntime runtime;
    private static StepWatchdog watchdog;
    private static KernelDescriptor descriptor;

    @BeforeAll
    static void start() throws Exception {
        runtime = new WasmRuntime();
        watchdog = new StepWatchdog();
        descriptor = KernelDescriptorReader.read(
                Files.readString(Path.of("../native-libs/kernel-sdk/examples/oscillators/kernel.json")), "kernel.json");
    }

    @AfterAll
    static void stop() {
        watchdog.close();
        runtime.close();
    }

    private static byte[] kernel(String file) throws Exception {
        try (InputStream in = KernelWarmUpTest.class.getResourceAsStream("/kernels/" + file)) {
            return in.readAllBytes();
        }
    }

    @Test
    void measuresBothModulesAndRunsTheFaster() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(descriptor.stateBytes(ITEMS), 16);
            KernelWarmUp.Result result = KernelWarmUp.run(runtime, watchdog, descriptor, kernel("oscillators.wasm"),
                    Optional.of(kernel("oscillators-simd.wasm")), ITEMS, state, Duration.ofSeconds(20));
            assertThat(result.simdStepNanos()).isPresent();
            long faster = Math.min(result.scalarStepNanos(), result.simdStepNanos().get());
            boolean simdChosen = result.chosenFile().equals("oscillators-simd.wasm");
            assertThat(simdChosen ? result.simdStepNanos().get() : result.scalarStepNanos()).isEqualTo(faster);
            try (KernelInstance instance = result.chosen().newInstance(ITEMS)) {
                instance.step(0, ITEMS, 0.01f); // the chosen module runs
            }
            assertThat(result.firstResultNanos()).isPositive().isLessThanOrEqualTo(result.steadyNanos());
            assertThat(result.note()).isEmpty();
        }
    }

    @Test
    void aFaultySimdModuleFallsBackToScalarAndSaysWhy() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(descriptor.stateBytes(ITEMS), 16);
            KernelWarmUp.Result result = KernelWarmUp.run(runtime, watchdog, descriptor, kernel("oscillators.wasm"),
                    Optional.of("not a module".getBytes()), ITEMS, state, Duration.ofSeconds(20));
            assertThat(result.chosenFile()).isEqualTo("oscillators.wasm");
            assertThat(result.simdStepNanos()).isEmpty();
            assertThat(result.note()).contains("SIMD module not used", "oscillators-simd.wasm", "malformed module");
        }
    }
}
