package org.orrery.wasm.testing;

import java.util.List;
import org.orrery.wasm.engine.WasmEngine;
import org.orrery.wasm.graal.GraalWasmEngine;
import org.orrery.wasm.wasmtime.WasmtimeEngine;

/**
 * The engines every test that runs a kernel runs on, one of each per test JVM (engines are
 * expensive to make): GraalWasm and Wasmtime. For {@code @ParameterizedClass} with
 * {@code @MethodSource("org.orrery.wasm.testing.TestEngines#all")} and
 * {@code autoCloseArguments = false} (the engines outlive each test).
 */
public final class TestEngines {

    public static final GraalWasmEngine GRAALWASM = new GraalWasmEngine();

    private TestEngines() {}

    /**
     * GraalWasm and Wasmtime. Without the Wasmtime bridge this throws, and the tests fail, unless
     * the build was told to leave it out ({@code -Dorrery.wasmtime.skip=true}): then GraalWasm alone,
     * saying so.
     */
    public static List<WasmEngine> all() {
        if (Boolean.getBoolean("orrery.wasmtime.skip")) {
            System.err.println("TestEngines: built without the Wasmtime bridge (orrery.wasmtime.skip): GraalWasm alone");
            return List.of(GRAALWASM);
        }
        return List.of(GRAALWASM, WasmtimeEngine.shared());
    }
}
