package org.orrery.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.KernelDescriptorReader;
import org.orrery.wasm.engine.EngineChoice;
import org.orrery.wasm.engine.WasmEngine;

class EngineChoiceTest {

    @Test
    void parsesTheThreeChoicesInAnyCaseAndNamesThemWhenItCannot() {
        assertThat(EngineChoice.parse("Wasmtime")).isEqualTo(EngineChoice.WASMTIME);
        assertThat(EngineChoice.parse(" auto ")).isEqualTo(EngineChoice.AUTO);
        assertThat(EngineChoice.parse("graalwasm")).isEqualTo(EngineChoice.GRAALWASM);
        assertThatThrownBy(() -> EngineChoice.parse("v8")).hasMessage("unknown engine 'v8': graalwasm, wasmtime or auto");
    }

    /** Auto measures both builds on both engines and keeps the fastest of the four. */
    @Test
    void autoWarmsUpEveryBuildOnBothEnginesAndRunsTheFastest() throws Exception {
        assumeFalse(Boolean.getBoolean("orrery.wasmtime.skip"), "built without the Wasmtime bridge");
        List<WasmEngine> engines = EngineChoice.AUTO.engines(TestHost.GRAALWASM);
        assertThat(engines).extracting(WasmEngine::name).containsExactly("graalwasm", "wasmtime");
        assertThat(EngineChoice.GRAALWASM.engines(TestHost.GRAALWASM)).containsExactly(TestHost.GRAALWASM);
        KernelDescriptor descriptor = KernelDescriptorReader.read(
                Files.readString(Path.of("../native-libs/kernel-sdk/examples/oscillators/kernel.json")), "kernel.json");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(descriptor.stateBytes(4000), 16);
            KernelWarmUp.Result result = KernelWarmUp.run(engines, TestHost.WATCHDOG, descriptor,
                    TestHost.kernel("oscillators.wasm"), Optional.of(TestHost.kernel("oscillators-simd.wasm")),
                    KernelSize.items(4000), state, Duration.ofSeconds(20));
            assertThat(result.candidates()).extracting(c -> c.engine() + " " + c.module()).containsExactly(
                    "graalwasm oscillators.wasm", "graalwasm oscillators-simd.wasm",
                    "wasmtime oscillators.wasm", "wasmtime oscillators-simd.wasm");
            long fastest = result.candidates().stream().mapToLong(KernelWarmUp.Candidate::stepNanos).min().orElseThrow();
            assertThat(result.stepNanos()).isEqualTo(fastest);
            assertThat(result.choice()).contains("the fastest of 4");
        }
    }
}
