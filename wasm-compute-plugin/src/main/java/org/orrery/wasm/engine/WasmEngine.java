package org.orrery.wasm.engine;

import java.util.Optional;

/**
 * A WebAssembly engine that runs kernels: GraalWasm (portable, in the JVM) or Wasmtime (native,
 * through FFM). The host above it — workers, watchdog, warm-up, validator — is the same for both.
 * One engine serves the whole process; it is safe to use from any thread.
 */
public interface WasmEngine extends AutoCloseable {

    /** The engine's short name, as the {@code --engine} option spells it: {@code graalwasm} or {@code wasmtime}. */
    String name();

    /** The engine and its version, and how it runs code, for reports. */
    String description();

    /** Whether kernels run as machine code (true) or in an interpreter, many times slower (false). */
    boolean isOptimizing();

    /** What to tell the user when kernels run interpreted; empty when they are compiled. */
    Optional<String> interpreterWarning();

    /**
     * Prepares a module for instantiation. An engine may compile at once or at the first
     * instance; either way a malformed module is reported, as {@link EngineException} of kind
     * {@code MALFORMED_MODULE}, no later than {@link CompiledModule#instantiate}.
     *
     * @param name the module's name (the plugin id), for the engine's own messages
     */
    CompiledModule compile(String name, byte[] wasm);

    @Override
    void close();
}
