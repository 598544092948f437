package org.orrery.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.KernelDescriptorReader;
import org.orrery.wasm.engine.WasmEngine;

@ParameterizedClass(name = "{0}", autoCloseArguments = false)
@MethodSource("org.orrery.wasm.testing.TestEngines#all")
class KernelWarmUpTest {

    @Parameter
    WasmEngine engine;


    private static final int ITEMS = 4000;
    private static final StepWatchdog watchdog = TestHost.WATCHDOG;
    private static KernelDescriptor descriptor;

    @BeforeAll
    static void start() throws Exception {
        descriptor = KernelDescriptorReader.read(
                Files.readString(Path.of("../native-libs/kernel-sdk/examples/oscillators/kernel.json")), "kernel.json");
    }

    @Test
    void measuresBothModulesAndRunsTheFaster() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(descriptor.stateBytes(ITEMS), 16);
            KernelWarmUp.Result result = KernelWarmUp.run(List.of(engine), watchdog, descriptor, TestHost.kernel("oscillators.wasm"),
                    Optional.of(TestHost.kernel("oscillators-simd.wasm")), KernelSize.items(ITEMS), state, Duration.ofSeconds(20));
            assertThat(result.candidates()).extracting(KernelWarmUp.Candidate::module)
                    .containsExactly("oscillators.wasm", "oscillators-simd.wasm");
            long fastest = result.candidates().stream().mapToLong(KernelWarmUp.Candidate::stepNanos).min().orElseThrow();
            assertThat(result.stepNanos()).isEqualTo(fastest);
            assertThat(result.chosen().engine()).isSameAs(engine);
            assertThat(result.choice()).startsWith(engine.name() + ", " + result.chosen().file() + ": ");
            try (KernelInstance instance = result.chosen().newInstance(ITEMS)) {
                instance.step(0, ITEMS, 0.01f); // the chosen module runs
            }
            assertThat(result.firstResultNanos()).isPositive().isLessThanOrEqualTo(result.steadyNanos());
            assertThat(result.note()).isEmpty();
        }
    }

    @Test
    void onTwoEnginesEveryModuleIsComparedAndTheFastestRuns() throws Exception {
        List<WasmEngine> both = org.orrery.wasm.testing.TestEngines.all();
        Assumptions.assumeTrue(both.size() == 2 && engine == both.getFirst(), "once, where both engines load");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(descriptor.stateBytes(ITEMS), 16);
            KernelWarmUp.Result result = KernelWarmUp.run(both, watchdog, descriptor, TestHost.kernel("oscillators.wasm"),
                    Optional.of(TestHost.kernel("oscillators-simd.wasm")), KernelSize.items(ITEMS), state, Duration.ofSeconds(20));
            assertThat(result.candidates()).extracting(c -> c.engine() + " " + c.module()).containsExactly(
                    both.get(0).name() + " oscillators.wasm", both.get(0).name() + " oscillators-simd.wasm",
                    both.get(1).name() + " oscillators.wasm", both.get(1).name() + " oscillators-simd.wasm");
            assertThat(result.candidates()).allSatisfy(c -> assertThat(c.stepNanos()).isPositive());
            long fastest = result.candidates().stream().mapToLong(KernelWarmUp.Candidate::stepNanos).min().orElseThrow();
            assertThat(result.stepNanos()).isEqualTo(fastest);
            try (KernelInstance instance = result.chosen().newInstance(ITEMS)) {
                instance.step(0, ITEMS, 0.01f); // the chosen module runs; the others' instances are closed
            }
            assertThat(result.note()).isEmpty();
        }
    }

    @Test
    void aFaultySimdModuleFallsBackToScalarAndSaysWhy() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(descriptor.stateBytes(ITEMS), 16);
            KernelWarmUp.Result result = KernelWarmUp.run(List.of(engine), watchdog, descriptor, TestHost.kernel("oscillators.wasm"),
                    Optional.of("not a module".getBytes()), KernelSize.items(ITEMS), state, Duration.ofSeconds(20));
            assertThat(result.chosen().file()).isEqualTo("oscillators.wasm");
            assertThat(result.candidates()).hasSize(1);
            assertThat(result.note()).contains("SIMD module not used on " + engine.name(), "oscillators-simd.wasm",
                    "malformed module");
        }
    }
}
