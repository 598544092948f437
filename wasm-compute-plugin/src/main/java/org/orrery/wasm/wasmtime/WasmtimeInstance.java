package org.orrery.wasm.wasmtime;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.orrery.wasm.KernelFault;
import org.orrery.wasm.engine.EngineException;
import org.orrery.wasm.engine.ExportSignature;
import org.orrery.wasm.engine.ModuleInstance;

/**
 * An instance in a Wasmtime store of its own. What the bridge and the watchdog share lives in an
 * arena of this instance: the interrupt flag (set by {@link #interrupt()}, read by the instance's
 * epoch callback), the call's results (return value, memory base and size) and the
 * {@code orrery.log} upcall. A call allocates nothing on the Java heap unless it fails or memory
 * grew.
 */
final class WasmtimeInstance implements ModuleInstance {

    private static final MethodHandle LOG;
    private static final VarHandle FLAG = JAVA_INT.varHandle();

    static {
        try {
            LOG = MethodHandles.lookup().findStatic(WasmtimeInstance.class, "log",
                    MethodType.methodType(void.class, Consumer.class, MemorySegment.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final WasmtimeLibrary library;
    private final MemorySegment engine;
    /** Shared: the watchdog's thread writes the flag. */
    private final Arena arena = Arena.ofShared();
    private final MemorySegment interruptFlag;
    private final MemorySegment results;
    private final MemorySegment instance;
    private final AtomicBoolean closed = new AtomicBoolean();
    private MemorySegment memory = MemorySegment.NULL;

    WasmtimeInstance(WasmtimeLibrary library, MemorySegment engine, MemorySegment module, long memoryBudgetBytes,
                     Consumer<String> log) {
        this.library = library;
        this.engine = engine;
        try {
            this.interruptFlag = arena.allocate(JAVA_INT);
            this.results = arena.allocate(JAVA_LONG, 3);
            MemorySegment logStub = WasmtimeLibrary.upcall(LOG.bindTo(log), arena);
            MemorySegment out = arena.allocate(ADDRESS);
            int code = (int) library.instanceNew.invokeExact(module, memoryBudgetBytes, logStub, interruptFlag, out);
            check(code);
            this.instance = out.get(ADDRESS, 0);
        } catch (Throwable e) {
            arena.close();
            throw WasmtimeLibrary.rethrow(e);
        }
        try {
            int code = (int) library.instanceMemory.invokeExact(instance, results);
            check(code);
            followMemory(results.get(JAVA_LONG, 0), results.get(JAVA_LONG, 8));
        } catch (Throwable e) {
            close();
            throw WasmtimeLibrary.rethrow(e);
        }
    }

    /** The bridge's orrery.log receiver. Nothing may escape into native code. */
    private static void log(Consumer<String> log, MemorySegment text, int length) {
        try {
            log.accept(new String(text.reinterpret(length).toArray(JAVA_BYTE), StandardCharsets.UTF_8));
        } catch (Throwable ignored) {
            // a log line lost beats a JVM brought down by an exception through native frames
        }
    }

    @Override
    public int function(String name, ExportSignature signature) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment index = call.allocate(JAVA_INT);
            int code = (int) library.instanceFunction.invokeExact(instance, call.allocateFrom(name), signature.ordinal(),
                    index);
            check(code);
            return index.get(JAVA_INT, 0);
        } catch (Throwable e) {
            throw WasmtimeLibrary.rethrow(e);
        }
    }

    @Override
    public int call(int function, int a, int b, float c) {
        int code;
        try {
            code = (int) library.instanceCall.invokeExact(instance, function, a, b, c, results);
        } catch (Throwable e) {
            throw WasmtimeLibrary.rethrow(e);
        }
        check(code);
        long base = results.get(JAVA_LONG, 8);
        long size = results.get(JAVA_LONG, 16);
        if (base != memory.address() || size != memory.byteSize()) {
            followMemory(base, size);
        }
        return (int) results.get(JAVA_LONG, 0);
    }

    private void followMemory(long base, long size) {
        memory = MemorySegment.ofAddress(base).reinterpret(size);
    }

    @Override
    public MemorySegment memory() {
        return memory;
    }

    /** Sets the flag and ticks the engine's epoch: the call stops at its next loop or call. */
    @Override
    public boolean interrupt() {
        try {
            FLAG.setVolatile(interruptFlag, 0L, 1);
            library.engineInterrupt.invokeExact(engine);
        } catch (IllegalStateException alreadyClosed) {
            // the instance closed meanwhile: nothing runs to stop
        } catch (Throwable e) {
            throw WasmtimeLibrary.rethrow(e);
        }
        return true;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            library.instanceFree.invokeExact(instance);
        } catch (Throwable e) {
            throw WasmtimeLibrary.rethrow(e);
        } finally {
            memory = MemorySegment.NULL;
            arena.close();
        }
    }

    private void check(int code) {
        if (code == WasmtimeLibrary.OK) {
            return;
        }
        KernelFault.Kind kind = switch (code) {
            case WasmtimeLibrary.TRAP -> KernelFault.Kind.TRAP;
            case WasmtimeLibrary.INTERRUPTED -> KernelFault.Kind.TIMEOUT;
            case WasmtimeLibrary.MEMORY_BUDGET -> KernelFault.Kind.MEMORY_BUDGET;
            case WasmtimeLibrary.MALFORMED -> KernelFault.Kind.MALFORMED_MODULE;
            case WasmtimeLibrary.LINK -> KernelFault.Kind.FORBIDDEN_IMPORT;
            case WasmtimeLibrary.NO_EXPORT -> KernelFault.Kind.MISSING_EXPORT;
            default -> KernelFault.Kind.HOST_ERROR;
        };
        throw new EngineException(kind, library.lastError(), null);
    }
}
