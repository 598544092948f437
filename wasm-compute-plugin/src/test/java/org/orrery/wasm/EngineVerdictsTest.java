package org.orrery.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.KernelDescriptorReader;
import org.orrery.wasm.engine.EngineChoice;
import org.orrery.wasm.engine.EngineVerdicts;
import org.orrery.wasm.engine.WasmEngine;
import org.orrery.wasm.plugins.ComputePlugin;

/** Auto measures both engines once; the next start of the same modules at the same size goes to the winner. */
class EngineVerdictsTest {

    @TempDir
    Path folder;

    @Test
    void aSecondStartWarmsUpOnTheEarlierWinnerAloneAndAnotherSizeIsMeasuredAgain() throws Exception {
        assumeFalse(Boolean.getBoolean("orrery.wasmtime.skip"), "built without the Wasmtime bridge");
        KernelDescriptor descriptor = KernelDescriptorReader.read(
                Files.readString(TestHost.EXAMPLE.resolve("kernel.json")), "kernel.json");
        Path plugin = Files.createDirectories(folder.resolve("oscillators"));
        for (String file : new String[] {"oscillators.wasm", "oscillators-simd.wasm"}) {
            Files.write(plugin.resolve(file), TestHost.kernel(file));
        }
        ComputePlugin oscillators = new ComputePlugin("oscillators", "1.0.0", "", plugin, descriptor);
        EngineVerdicts verdicts = new EngineVerdicts(folder.resolve("verdicts.properties"));
        List<WasmEngine> both = EngineChoice.AUTO.engines(TestHost.GRAALWASM);
        double[] parameters = {4, 0.1};

        ComputePlugin.Start first = oscillators.warmUp(both, verdicts, TestHost.WATCHDOG, KernelSize.items(2000),
                parameters, Duration.ofSeconds(20));
        assertThat(first.warmUp().candidates()).extracting(KernelWarmUp.Candidate::engine)
                .containsExactly("graalwasm", "graalwasm", "wasmtime", "wasmtime");
        assertThat(first.engineBasis()).isEqualTo("both engines measured now");
        String winner = first.module().engine().name();

        ComputePlugin.Start second = oscillators.warmUp(both, verdicts, TestHost.WATCHDOG, KernelSize.items(2000),
                parameters, Duration.ofSeconds(20));
        assertThat(second.warmUp().candidates()).extracting(KernelWarmUp.Candidate::engine).containsOnly(winner);
        assertThat(second.engineBasis()).startsWith("the winner when both engines were measured at an earlier start");
        assertThat(second.describe()).startsWith(winner + ", ");

        ComputePlugin.Start otherSize = oscillators.warmUp(both, verdicts, TestHost.WATCHDOG, KernelSize.items(3000),
                parameters, Duration.ofSeconds(20));
        assertThat(otherSize.warmUp().candidates()).extracting(KernelWarmUp.Candidate::engine)
                .contains("graalwasm", "wasmtime");
    }
}
