package org.orrery.wasm.wasmtime;

import java.lang.foreign.MemorySegment;
import java.lang.ref.Cleaner;
import java.util.function.Consumer;
import org.orrery.wasm.engine.CompiledModule;
import org.orrery.wasm.engine.ModuleInstance;

/**
 * A module Cranelift compiled. Freed when no longer reachable; its instances keep what they need
 * of it on the native side.
 */
final class WasmtimeModule implements CompiledModule {

    private static final Cleaner CLEANER = Cleaner.create();

    private final WasmtimeLibrary library;
    private final MemorySegment engine;
    private final MemorySegment module;

    WasmtimeModule(WasmtimeLibrary library, MemorySegment engine, MemorySegment module) {
        this.library = library;
        this.engine = engine;
        this.module = module;
        NativeFree free = new NativeFree(library, module);
        CLEANER.register(this, free);
    }

    @Override
    public ModuleInstance instantiate(long memoryBudgetBytes, Consumer<String> log) {
        return new WasmtimeInstance(library, engine, module, memoryBudgetBytes, log);
    }

    /** Frees the native module; holds no reference to the module object, or it would never be cleaned. */
    private record NativeFree(WasmtimeLibrary library, MemorySegment module) implements Runnable {
        @Override
        public void run() {
            try {
                library.moduleFree.invokeExact(module);
            } catch (Throwable e) {
                throw WasmtimeLibrary.rethrow(e);
            }
        }
    }
}
