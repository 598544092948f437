package org.orrery.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.orrery.api.kernel.DescriptorException;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.KernelDescriptorReader;
import org.orrery.wasm.engine.WasmEngine;
import org.orrery.wasm.graal.GraalWasmEngine;
import org.orrery.wasm.testing.TestEngines;

/**
 * The test kernels, and one watchdog for every test in the JVM as the product has one per process;
 * the engines are {@link TestEngines}'.
 */
public final class TestHost {

    static final GraalWasmEngine GRAALWASM = TestEngines.GRAALWASM;
    static final StepWatchdog WATCHDOG = new StepWatchdog();
    static final Path EXAMPLE = Path.of("../native-libs/kernel-sdk/examples/oscillators");

    private TestHost() {}

    /**
     * The descriptor the test kernels in src/test/wat share: one f32 per item; parameters
     * {@code factor} (default 2) and {@code behaviour} (0 normal, see scale.wat for the faults);
     * 4 MiB and 200 ms per step.
     */
    static KernelDescriptor scaleDescriptor(String moduleFile) {
        try {
            return KernelDescriptorReader.read(scaleDescriptorJson("scale", moduleFile), "test");
        } catch (DescriptorException e) {
            throw new AssertionError(e);
        }
    }

    /** The text of {@link #scaleDescriptor} under another plugin id, as a plugin's kernel.json. */
    static String scaleDescriptorJson(String id, String moduleFile) {
        return """
                { "id": "%s", "version": "1.0.0", "name": "Scale", "abi": 1, "module": "%s",
                  "items": { "default": 1000, "min": 1, "max": 100000 },
                  "state": { "element": "f32", "lanes": 1 },
                  "parameters": [
                    { "name": "factor", "type": "real", "min": -10, "max": 10, "default": 2 },
                    { "name": "behaviour", "type": "integer", "min": 0, "max": 8, "default": 0 } ],
                  "budget": { "memoryMiB": 4, "stepMillis": 200 } }
                """.formatted(id, moduleFile);
    }

    /** A test kernel (src/test/wat) under {@link #scaleDescriptor}. */
    static KernelModule module(WasmEngine engine, String name) {
        String file = name + ".wasm";
        return new KernelModule(engine, WATCHDOG, scaleDescriptor(file), file, kernel(file));
    }

    /** The summary values summary.wat publishes, as its descriptor declares them. */
    static final String SUMMARY = """
            "summary": [ { "name": "total", "reduce": "sum" }, { "name": "least", "reduce": "min" },
                         { "name": "greatest", "reduce": "max" }, { "name": "items", "reduce": "sum" } ],
            """;

    /** A test kernel under {@link #scaleDescriptor} that also declares {@link #SUMMARY}. */
    static KernelModule summaryModule(WasmEngine engine, String name) {
        return module(engine, name, json -> json.replace("\"budget\"", SUMMARY + "\"budget\""));
    }

    /**
     * A test kernel under {@link #scaleDescriptor} with a step budget of {@code stepMillis}: for
     * checks of another limit that a slow, busy machine must not turn into a time-out.
     */
    static KernelModule module(WasmEngine engine, String name, int stepMillis) {
        return module(engine, name, json -> json.replace("\"stepMillis\": 200", "\"stepMillis\": " + stepMillis));
    }

    /** A test kernel under {@link #scaleDescriptor} as {@code edit} changes its text. */
    private static KernelModule module(WasmEngine engine, String name, UnaryOperator<String> edit) {
        String file = name + ".wasm";
        try {
            KernelDescriptor descriptor = KernelDescriptorReader.read(edit.apply(scaleDescriptorJson("scale", file)), "test");
            return new KernelModule(engine, WATCHDOG, descriptor, file, kernel(file));
        } catch (DescriptorException e) {
            throw new AssertionError(e);
        }
    }

    /** The SDK's worked example (native-libs/kernel-sdk/examples/oscillators), scalar build. */
    static KernelModule exampleModule(WasmEngine engine) {
        try {
            KernelDescriptor descriptor = KernelDescriptorReader.read(Files.readString(EXAMPLE.resolve("kernel.json")),
                    "oscillators/kernel.json");
            return new KernelModule(engine, WATCHDOG, descriptor, "oscillators.wasm", kernel("oscillators.wasm"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DescriptorException e) {
            throw new AssertionError(e);
        }
    }

    /** A module assembled or built into test resources (src/test/wat, the SDK example). */
    static byte[] kernel(String file) {
        try (InputStream in = TestHost.class.getResourceAsStream("/kernels/" + file)) {
            return Objects.requireNonNull(in, file + " was not built").readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
