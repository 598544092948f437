package org.orrery.wasm.graal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.function.Consumer;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.ByteSequence;
import org.orrery.wasm.engine.CompiledModule;
import org.orrery.wasm.engine.ModuleInstance;
import org.orrery.wasm.engine.WasmEngine;

/**
 * GraalWasm: the portable engine, in the JVM, and the one used wherever the Wasmtime bridge cannot
 * load. One polyglot {@link Engine} is shared by every kernel, so compiled code is reused across
 * workers and plugins. Without the optimizing Truffle runtime (JVMCI and the Graal compiler, see
 * STACK.md) the engine interprets, many times slower: that is said loudly, once, in the log and
 * through {@link #interpreterWarning()} for the UI.
 */
public final class GraalWasmEngine implements WasmEngine {

    private static final System.Logger LOG = System.getLogger(GraalWasmEngine.class.getName());

    private final Engine engine;
    private final boolean optimizing;

    public GraalWasmEngine() {
        // Our own warning replaces GraalVM's, which would print to stderr on every engine.
        // Linear memories live off-heap as direct buffers, so the host copies state in and out
        // in bulk (GraalLinearMemory); both options are marked experimental by GraalWasm 25.
        this.engine = Engine.newBuilder("wasm")
                .option("engine.WarnInterpreterOnly", "false")
                .allowExperimentalOptions(true)
                .option("wasm.UseUnsafeMemory", "true")
                .option("wasm.DirectByteBufferMemoryAccess", "true")
                .build();
        this.optimizing = !"Interpreted".equals(engine.getImplementationName());
        interpreterWarning().ifPresent(warning -> LOG.log(Level.WARNING, warning));
    }

    @Override
    public String name() {
        return "graalwasm";
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public String description() {
        return "GraalWasm (" + engine.getImplementationName() + ")";
    }

    /** GraalWasm compiles in each context, sharing code through the engine: this only wraps the bytes. */
    @Override
    public CompiledModule compile(String name, byte[] wasm) {
        try {
            // The source name becomes the module name; keep it free of any file's path.
            Source source = Source.newBuilder("wasm", ByteSequence.create(wasm.clone()), name).build();
            return new CompiledModule() {
                @Override
                public ModuleInstance instantiate(long memoryBudgetBytes, Consumer<String> log) {
                    return new GraalInstance(engine, source, memoryBudgetBytes, log);
                }

                @Override
                public String provenance() {
                    return "compiled by GraalWasm while it runs";
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not reached: the bytes are in memory
        }
    }

    @Override
    public boolean isOptimizing() {
        return optimizing;
    }

    @Override
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
