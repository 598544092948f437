package org.orrery.wasm;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.KernelDescriptorReader;
import org.orrery.wasm.engine.WasmEngine;

/**
 * The kernel SDK end to end: the worked example's C source, built by the SDK script with clang,
 * wasm-ld and wasm-opt, described by its kernel.json, run by the host, checked against the same
 * arithmetic in Java, bit for bit.
 */
@ParameterizedClass(name = "{0}", autoCloseArguments = false)
@MethodSource("org.orrery.wasm.testing.TestEngines#all")
class ExampleKernelTest {

    @Parameter
    WasmEngine engine;


    private static final Path EXAMPLE = TestHost.EXAMPLE;
    private static final int ITEMS = 2000;
    private static final StepWatchdog watchdog = TestHost.WATCHDOG;

    @ParameterizedTest
    @ValueSource(strings = {"oscillators.wasm", "oscillators-simd.wasm"})
    void theExampleMatchesAJavaReferenceBitForBit(String file) throws Exception {
        KernelDescriptor descriptor = KernelDescriptorReader.read(Files.readString(EXAMPLE.resolve("kernel.json")),
                "oscillators/kernel.json");
        assertThat(descriptor.simdModule()).contains("oscillators-simd.wasm");
        KernelModule module = new KernelModule(engine, watchdog, descriptor, file, TestHost.kernel(file));
        float k = 4f;
        float c = 0.1f;
        float dt = 1 / 60f;
        float[] expected = new float[ITEMS * 4];
        try (Arena arena = Arena.ofConfined(); KernelInstance kernel = module.newInstance(ITEMS)) {
            MemorySegment state = arena.allocate(ITEMS * 16L, 16);
            for (int i = 0; i < expected.length; i++) {
                expected[i] = (float) Math.sin(i * 0.37) * 3;
                state.setAtIndex(ValueLayout.JAVA_FLOAT, i, expected[i]);
            }
            kernel.writeParameters(new double[] {k, c});
            for (int step = 0; step < 10; step++) {
                kernel.writeState(state);
                kernel.step(0, ITEMS, dt);
                kernel.readState(0, ITEMS, state, 0);
                for (int i = 0; i < ITEMS; i++) {
                    int b = i * 4;
                    float vx = expected[b + 2] + (-k * expected[b] - c * expected[b + 2]) * dt;
                    float vy = expected[b + 3] + (-k * expected[b + 1] - c * expected[b + 3]) * dt;
                    expected[b] += vx * dt;
                    expected[b + 1] += vy * dt;
                    expected[b + 2] = vx;
                    expected[b + 3] = vy;
                }
            }
            for (int i = 0; i < expected.length; i++) {
                assertThat(Float.floatToRawIntBits(state.getAtIndex(ValueLayout.JAVA_FLOAT, i)))
                        .as("lane %d", i).isEqualTo(Float.floatToRawIntBits(expected[i]));
            }
        }
    }
}
