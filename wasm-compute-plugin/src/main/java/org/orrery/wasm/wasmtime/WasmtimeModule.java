package org.orrery.wasm.wasmtime;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
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
    private final String provenance;

    WasmtimeModule(WasmtimeLibrary library, MemorySegment engine, MemorySegment module, String provenance) {
        this.library = library;
        this.engine = engine;
        this.module = module;
        this.provenance = provenance;
        NativeFree free = new NativeFree(library, module);
        CLEANER.register(this, free);
    }

    @Override
    public ModuleInstance instantiate(long memoryBudgetBytes, Consumer<String> log) {
        return new WasmtimeInstance(library, engine, module, memoryBudgetBytes, log);
    }

    @Override
    public String provenance() {
        return provenance;
    }

    /** The module's compiled code, as the bridge serialises it. */
    byte[] serialize() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = arena.allocate(ADDRESS);
            MemorySegment length = arena.allocate(JAVA_LONG);
            int code = (int) library.moduleSerialize.invokeExact(module, bytes, length);
            if (code != WasmtimeLibrary.OK) {
                throw new IllegalStateException("Wasmtime could not serialise a module: " + library.lastError());
            }
            long size = length.get(JAVA_LONG, 0);
            MemorySegment serialized = bytes.get(ADDRESS, 0);
            try {
                return serialized.reinterpret(size).toArray(JAVA_BYTE);
            } finally {
                library.bytesFree.invokeExact(serialized, size);
            }
        } catch (Throwable e) {
            throw WasmtimeLibrary.rethrow(e);
        }
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
