package org.orrery.wasm;

import java.lang.System.Logger.Level;
import java.util.Optional;
import org.graalvm.polyglot.Engine;

/**
 * The one GraalWasm {@link Engine} that every kernel shares, so compiled code is reused across
 * workers and plugins. Without the optimizing Truffle runtime (JVMCI and the Graal compiler, see
 * STACK.md) the engine interprets, many times slower: that is said loudly, once, in the log and
 * through {@link #interpreterWarning()} for the UI.
 */
public final class WasmRuntime implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WasmRuntime.class.getName());

    private final Engine engine;
    private final boolean optimizing;

    public WasmRuntime() {
        // Our own warning replaces GraalVM's, which would print to stderr on every engine.
        // Linear memories live off-heap as direct buffers, so the host copies state in and out
        // in bulk (LinearMemory); both options are marked experimental by GraalWasm 25.
        this.engine = Engine.newBuilder("wasm")
                .option("engine.WarnInterpreterOnly", "false")
                .allowExperimentalOptions(true)
                .option("wasm.UseUnsafeMemory", "true")
                .option("wasm.DirectByteBufferMemoryAccess", "true")
                .build();
        this.optimizing = !"Interpreted".equals(engine.getImplementationName());
        interpreterWarning().ifPresent(warning -> LOG.log(Level.WARNING, warning));
    }

    Engine engine() {
        return engine;
    }

    /** Whether kernels are compiled to machine code (true) or interpreted (false). */
    public boolean isOptimizing() {
        return optimizing;
    }

    /** What to tell the user when kernels run interpreted; empty when they are compiled. */
    public Optional<String> interpreterWarning() {
        return optimizing ? Optional.empty() : Optional.of("WebAssembly kernels run on GraalWasm's fallback interpreter ("
                + engine.getImplementationName() + "), many times slower than compiled: start the JVM with JVMCI "
                + "and the Graal compiler (-XX:+EnableJVMCI --upgrade-module-path=...) for the optimizing runtime");
    }

    /** The engine's own name for its runtime, for reports. */
    public String implementationName() {
        return engine.getImplementationName();
    }

    @Override
    public void close() {
        engine.close();
    }
}
