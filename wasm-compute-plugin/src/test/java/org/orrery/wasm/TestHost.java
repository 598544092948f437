package org.orrery.wasm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * One GraalWasm runtime and watchdog for every test in the JVM, as the product has one per process:
 * engines are expensive to make, and sharing one also exercises code sharing across modules.
 */
final class TestHost {

    static final WasmRuntime RUNTIME = new WasmRuntime();
    static final StepWatchdog WATCHDOG = new StepWatchdog();

    private TestHost() {}

    /** A module assembled or built into test resources (src/test/wat, the SDK example). */
    static byte[] kernel(String file) {
        try (InputStream in = TestHost.class.getResourceAsStream("/kernels/" + file)) {
            return Objects.requireNonNull(in, file + " was not built").readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
