package org.orrery.wasm.wasmtime;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Wasmtime bridge ({@code native-libs/wasmtime-bridge}, {@code liborrery_wasmtime.so}) bound
 * through the FFM API: one method handle per C function of {@code orrery_wasmtime.h}. Loading
 * checks the ABI version.
 */
final class WasmtimeLibrary {

    /** The ABI this code is written against; a library of another is refused. */
    static final int ABI_VERSION = 1;
    static final String FILE_NAME = "liborrery_wasmtime.so";

    // The bridge's result codes (orrery_wasmtime.h).
    static final int OK = 0;
    static final int TRAP = 1;
    static final int INTERRUPTED = 2;
    static final int MEMORY_BUDGET = 3;
    static final int MALFORMED = 4;
    static final int LINK = 5;
    static final int NO_EXPORT = 6;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final int MESSAGE_BYTES = 4096;

    final MethodHandle lastError;
    final MethodHandle version;
    final MethodHandle engineNew;
    final MethodHandle engineFingerprint;
    final MethodHandle engineInterrupt;
    final MethodHandle moduleCompile;
    final MethodHandle moduleSerialize;
    final MethodHandle bytesFree;
    final MethodHandle moduleDeserialize;
    final MethodHandle moduleFree;
    final MethodHandle instanceNew;
    final MethodHandle instanceFunction;
    final MethodHandle instanceCall;
    final MethodHandle instanceMemory;
    final MethodHandle instanceFree;
    /** The signature of the {@code orrery.log} receiver: {@code void (const uint8_t*, int32_t)}. */
    static final FunctionDescriptor LOG_FUNCTION = FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT);

    private WasmtimeLibrary(SymbolLookup symbols) {
        lastError = bind(symbols, "orrery_wasmtime_last_error", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG));
        version = bind(symbols, "orrery_wasmtime_version", FunctionDescriptor.of(JAVA_LONG, ADDRESS, JAVA_LONG));
        engineNew = bind(symbols, "orrery_wasmtime_engine_new", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        engineFingerprint = bind(symbols, "orrery_wasmtime_engine_fingerprint", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        engineInterrupt = bind(symbols, "orrery_wasmtime_engine_interrupt", FunctionDescriptor.ofVoid(ADDRESS));
        moduleCompile = bind(symbols, "orrery_wasmtime_module_compile",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
        moduleSerialize = bind(symbols, "orrery_wasmtime_module_serialize",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        bytesFree = bind(symbols, "orrery_wasmtime_bytes_free", FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG));
        moduleDeserialize = bind(symbols, "orrery_wasmtime_module_deserialize",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
        moduleFree = bind(symbols, "orrery_wasmtime_module_free", FunctionDescriptor.ofVoid(ADDRESS));
        instanceNew = bind(symbols, "orrery_wasmtime_instance_new",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS));
        instanceFunction = bind(symbols, "orrery_wasmtime_instance_function",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS));
        instanceCall = bind(symbols, "orrery_wasmtime_instance_call",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_FLOAT, ADDRESS));
        instanceMemory = bind(symbols, "orrery_wasmtime_instance_memory", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        instanceFree = bind(symbols, "orrery_wasmtime_instance_free", FunctionDescriptor.ofVoid(ADDRESS));
    }

    /**
     * Loads the bridge from {@code file}.
     *
     * @throws WasmtimeUnavailableException if the file is missing, cannot be loaded on this
     *     platform, lacks a function, or speaks another ABI version
     */
    static WasmtimeLibrary load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new WasmtimeUnavailableException("the Wasmtime bridge is not at " + file
                    + " (build it with the normal build: ./mvnw install, or see native-libs/wasmtime-bridge)");
        }
        SymbolLookup symbols;
        try {
            // Loaded for the life of the process: compiled code and signal handlers stay with it.
            symbols = SymbolLookup.libraryLookup(file, Arena.global());
        } catch (IllegalArgumentException | IllegalCallerException e) {
            throw new WasmtimeUnavailableException("the Wasmtime bridge " + file + " could not be loaded: "
                    + e.getMessage(), e);
        }
        int found;
        try {
            found = (int) bind(symbols, "orrery_wasmtime_abi_version", FunctionDescriptor.of(JAVA_INT)).invokeExact();
        } catch (WasmtimeUnavailableException e) {
            throw e;
        } catch (Throwable e) {
            throw new WasmtimeUnavailableException("the Wasmtime bridge " + file + " failed its version check: " + e, e);
        }
        if (found != ABI_VERSION) {
            throw new WasmtimeUnavailableException("the Wasmtime bridge " + file + " speaks ABI version " + found
                    + "; this Orrery needs version " + ABI_VERSION);
        }
        return new WasmtimeLibrary(symbols);
    }

    private static MethodHandle bind(SymbolLookup symbols, String name, FunctionDescriptor descriptor) {
        MemorySegment function = symbols.find(name).orElseThrow(
                () -> new WasmtimeUnavailableException("the Wasmtime bridge has no function " + name));
        return LINKER.downcallHandle(function, descriptor);
    }

    /** An upcall stub for {@code orrery.log}, alive as long as {@code arena}. */
    static MemorySegment upcall(MethodHandle target, Arena arena) {
        return LINKER.upcallStub(target, LOG_FUNCTION, arena);
    }

    /** The calling thread's last failure message from the bridge. */
    String lastError() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(MESSAGE_BYTES);
            long length = (long) lastError.invokeExact(buffer, (long) MESSAGE_BYTES);
            return text(buffer, length);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** The Wasmtime version the bridge is built on. */
    String wasmtimeVersion() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(256);
            long length = (long) version.invokeExact(buffer, 256L);
            return text(buffer, length);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    private static String text(MemorySegment buffer, long length) {
        byte[] bytes = buffer.asSlice(0, Math.min(length, buffer.byteSize())).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static RuntimeException rethrow(Throwable e) {
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException("Wasmtime bridge call failed", e);
    }
}
