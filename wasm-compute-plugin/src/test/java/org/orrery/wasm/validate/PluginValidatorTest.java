package org.orrery.wasm.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginValidatorTest {

    private static final Path EXAMPLE = Path.of("../native-libs/kernel-sdk/examples/oscillators/kernel.json");

    @TempDir
    Path plugin;

    private String report;

    private int validate(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status = PluginValidator.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        report = bytes.toString(StandardCharsets.UTF_8);
        return status;
    }

    private void copyKernel(String built, String as) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/kernels/" + built)) {
            Files.copy(in, plugin.resolve(as));
        }
    }

    /** One of the test kernels (100 f32 items by default) as the plugin, with the step budget given. */
    private void testKernel(String kernel, int stepMillis) throws IOException {
        Files.writeString(plugin.resolve("kernel.json"), """
                { "id": "test", "version": "0.0.1", "name": "Test", "abi": 1, "module": "kernel.wasm",
                  "items": { "default": 100, "min": 1, "max": 1000 }, "state": { "element": "f32", "lanes": 1 },
                  "budget": { "memoryMiB": 2, "stepMillis": %d } }
                """.formatted(stepMillis));
        copyKernel(kernel, "kernel.wasm");
    }

    @Test
    void theSdkExamplePasses() throws IOException {
        Files.copy(EXAMPLE, plugin.resolve("kernel.json"));
        copyKernel("oscillators.wasm", "oscillators.wasm");
        copyKernel("oscillators-simd.wasm", "oscillators-simd.wasm");
        assertThat(validate(plugin.toString(), "--items", "500", "--steps", "3")).as(report).isZero();
        assertThat(report).contains("descriptor  ok: oscillators 1.0.0", "oscillators.wasm", "oscillators-simd.wasm",
                "engine      GraalWasm", "Result: the plugin is valid.").doesNotContain("INTERPRETER");
        if (!Boolean.getBoolean("orrery.wasmtime.skip")) {
            // Every check on both engines, and the engines against each other.
            assertThat(report).contains("engine      Wasmtime 48", "oscillators-simd.wasm on graalwasm ok",
                    "oscillators-simd.wasm on wasmtime ok")
                    .containsPattern("engines agree +ok: the state after 3 step\\(s\\) is the same bit for bit on graalwasm and wasmtime");
        }
        assertThat(report).containsPattern("determinism +ok: two instances given the same state agree bit for bit")
                .containsPattern("two ranges +ok: a tick cut in two ranges gives the same state as one range")
                .containsPattern("swapped states +ok: two workers that swap states")
                .containsPattern("step time +ok: first step .* ms \\(cold\\), settled after .* ms; then 3 steps: mean .* budget 100 ms");
    }

    @Test
    void aStepOverItsBudgetIsAnErrorWithTheMeasuredTimeAndABudgetThatWouldDo() throws IOException {
        testKernel("slow.wasm", 1);
        assertThat(validate(plugin.toString(), "--steps", "3")).as(report).isEqualTo(1);
        assertThat(report).containsPattern("step time +FAILED: kernel.wasm on graalwasm: a step of 100 items took up to [0-9.]+ ms")
                .contains("over its budget of 1 ms (budget.stepMillis)", "Set \"stepMillis\" to at least ");
    }

    @Test
    void theSuggestedBudgetIsTwiceTheSlowestStepInWholeMilliseconds() {
        assertThat(PluginValidator.suggestedBudget(328.2)).isEqualTo(657);
        assertThat(PluginValidator.suggestedBudget(0.1)).isEqualTo(1);
    }

    @Test
    void aKernelWhoseResultDependsOnTheRangesFails() throws IOException {
        testKernel("range_dependent.wasm", 100);
        assertThat(validate(plugin.toString())).as(report).isEqualTo(1);
        assertThat(report).contains("two ranges gave a different state than one range");
    }

    @Test
    void aKernelThatSwapsItsStatesIsCheckedAsTheWorkersRunItAndOneWhoseSwapTradesNothingFails() throws IOException {
        String descriptor = """
                { "id": "test", "version": "0.0.1", "name": "Test", "abi": 1, "module": "kernel.wasm",
                  "items": { "default": 100, "min": 1, "max": 1000 }, "state": { "element": "f32", "lanes": 1 },
                  "parameters": [
                    { "name": "factor", "type": "real", "min": -10, "max": 10, "default": 0.5 },
                    { "name": "behaviour", "type": "integer", "min": 0, "max": 2, "default": %d } ],
                  "budget": { "memoryMiB": 2, "stepMillis": 100 } }
                """;
        Files.writeString(plugin.resolve("kernel.json"), descriptor.formatted(0));
        copyKernel("swapping.wasm", "kernel.wasm");
        assertThat(validate(plugin.toString(), "--steps", "4")).as(report).isZero();
        assertThat(report).containsPattern("swapped states +ok: two workers that swap states");

        Files.writeString(plugin.resolve("kernel.json"), descriptor.formatted(2)); // the swap trades nothing
        assertThat(validate(plugin.toString(), "--steps", "4")).as(report).isEqualTo(1);
        assertThat(report).containsPattern("swapped states +FAILED: kernel.wasm: two workers that swap states")
                .contains("the swap must trade the input and output state");
    }

    @Test
    void aBrokenDescriptorOrMissingModuleIsReported() throws IOException {
        Files.writeString(plugin.resolve("kernel.json"), Files.readString(EXAMPLE).replace("\"abi\": 1", "\"abi\": 3"));
        assertThat(validate(plugin.toString())).isEqualTo(1);
        assertThat(report).contains("abi: this host implements kernel ABI version 1, the plugin declares version 3");

        Files.copy(EXAMPLE, plugin.resolve("kernel.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(validate(plugin.toString(), "--steps", "1")).isEqualTo(1);
        assertThat(report).contains("oscillators.wasm: cannot read the module");
    }

    @Test
    void badArgumentsGiveUsage() {
        assertThat(validate()).isEqualTo(2);
        assertThat(report).contains("usage: validate-plugin");
        assertThat(validate("x", "--steps")).isEqualTo(2);
        assertThat(validate("x", "--steps", "0")).isEqualTo(2);
    }
}
