package org.orrery.wasm.wasmtime;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.orrery.wasm.KernelFault;
import org.orrery.wasm.engine.CompiledModule;
import org.orrery.wasm.engine.EngineException;
import org.orrery.wasm.engine.WasmEngine;

/**
 * Wasmtime, through the FFM bridge: modules compiled ahead of time by Cranelift (optimised for
 * speed, SIMD on), linear memory reserved with guard pages so compiled code makes no bounds checks,
 * a running call stopped through epochs, memory growth capped by a resource limiter.
 *
 * <p>Compiled code is kept on disk ({@link CodeCache}, in {@link CodeCache#defaultFolder()}), so a
 * module's second start loads instead of compiling.
 *
 * <p>The process has one, {@link #shared()}: the bridge is loaded from {@value #LIBRARY_PROPERTY}
 * (a path) or, failing that, {@code liborrery_wasmtime.so} in the folder
 * {@value #LIBRARY_DIR_PROPERTY} names. Where it cannot load, {@link #shared()} keeps throwing
 * the same reason and GraalWasm runs kernels instead.
 */
public final class WasmtimeEngine implements WasmEngine {

    /** System property: the bridge library's path. */
    public static final String LIBRARY_PROPERTY = "orrery.wasmtime.library";
    /** System property: a folder holding {@code liborrery_wasmtime.so} (the native libraries' folder). */
    public static final String LIBRARY_DIR_PROPERTY = "orrery.native.dir";

    private static final System.Logger LOG = System.getLogger(WasmtimeEngine.class.getName());

    private static WasmtimeEngine shared;
    private static WasmtimeUnavailableException unavailable;

    private final WasmtimeLibrary library;
    /** The native engine: never freed, since modules and instances may outlive any holder of this. */
    private final MemorySegment engine;
    private final String version;
    /** Differs between engines whose compiled code cannot be exchanged: names cache entries. */
    private final long fingerprint;
    private final CodeCache cache;

    private WasmtimeEngine(WasmtimeLibrary library, MemorySegment engine, String version, long fingerprint,
                           Path cacheFolder) {
        this.library = library;
        this.engine = engine;
        this.version = version;
        this.fingerprint = fingerprint;
        this.cache = new CodeCache(cacheFolder, fingerprint);
    }

    private static WasmtimeEngine start(WasmtimeLibrary library) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int code = (int) library.engineNew.invokeExact(out);
            if (code != WasmtimeLibrary.OK) {
                throw new WasmtimeUnavailableException("Wasmtime could not start: " + library.lastError());
            }
            MemorySegment engine = out.get(ADDRESS, 0);
            long fingerprint = (long) library.engineFingerprint.invokeExact(engine);
            return new WasmtimeEngine(library, engine, library.wasmtimeVersion(), fingerprint, CodeCache.defaultFolder());
        } catch (Throwable e) {
            throw WasmtimeLibrary.rethrow(e);
        }
    }

    /** The same engine, keeping its compiled code in {@code folder} instead. */
    public WasmtimeEngine withCache(Path folder) {
        return new WasmtimeEngine(library, engine, version, fingerprint, folder);
    }

    /** Where compiled code is kept. */
    public CodeCache cache() {
        return cache;
    }

    /**
     * The process's Wasmtime engine, started on first use.
     *
     * @throws WasmtimeUnavailableException with the reason, every time, if the bridge cannot load
     */
    public static synchronized WasmtimeEngine shared() {
        if (shared != null) {
            return shared;
        }
        if (unavailable != null) {
            throw unavailable;
        }
        try {
            shared = start(WasmtimeLibrary.load(libraryFile()));
            return shared;
        } catch (WasmtimeUnavailableException e) {
            unavailable = e;
            throw e;
        }
    }

    /** The shared engine, or empty where the bridge cannot load ({@link #whyUnavailable()} says why). */
    public static Optional<WasmtimeEngine> ifAvailable() {
        try {
            return Optional.of(shared());
        } catch (WasmtimeUnavailableException e) {
            return Optional.empty();
        }
    }

    /** Why the bridge cannot load, once {@link #shared()} has failed; empty otherwise. */
    public static synchronized Optional<String> whyUnavailable() {
        return Optional.ofNullable(unavailable).map(Throwable::getMessage);
    }

    private static Path libraryFile() {
        String file = System.getProperty(LIBRARY_PROPERTY);
        if (file != null && !file.isBlank()) {
            return Path.of(file);
        }
        String folder = System.getProperty(LIBRARY_DIR_PROPERTY);
        if (folder == null || folder.isBlank()) {
            throw new WasmtimeUnavailableException("no Wasmtime bridge: neither " + LIBRARY_PROPERTY + " nor "
                    + LIBRARY_DIR_PROPERTY + " is set");
        }
        return Path.of(folder, WasmtimeLibrary.FILE_NAME);
    }

    @Override
    public String name() {
        return "wasmtime";
    }

    @Override
    public String toString() {
        return name();
    }

    @Override
    public String description() {
        return version.replace("wasmtime", "Wasmtime") + " (Cranelift, ahead of time)";
    }

    @Override
    public boolean isOptimizing() {
        return true;
    }

    @Override
    public Optional<String> interpreterWarning() {
        return Optional.empty();
    }

    /**
     * Loads the module's code from the cache if an intact entry holds it, or compiles it at once
     * with Cranelift and keeps the code: a malformed module is reported here.
     */
    @Override
    public CompiledModule compile(String name, byte[] wasm) {
        long start = System.nanoTime();
        Optional<byte[]> cached = cache.read(wasm);
        if (cached.isPresent()) {
            Optional<MemorySegment> loaded = module(library.moduleDeserialize, cached.get());
            if (loaded.isPresent()) {
                return new WasmtimeModule(library, engine, loaded.get(), String.format(Locale.ROOT,
                        "loaded from the cache in %.1f ms", (System.nanoTime() - start) / 1e6));
            }
            LOG.log(Level.INFO, "cached code refused, compiling again: " + library.lastError());
            cache.forget(wasm);
        }
        MemorySegment compiled = module(library.moduleCompile, wasm).orElseThrow(
                () -> new EngineException(KernelFault.Kind.MALFORMED_MODULE, library.lastError(), null));
        WasmtimeModule module = new WasmtimeModule(library, engine, compiled, String.format(Locale.ROOT,
                "compiled by Cranelift in %.1f ms", (System.nanoTime() - start) / 1e6));
        cache.write(wasm, module.serialize());
        return module;
    }

    /**
     * A module from {@code bytes} by {@code maker}, the bridge's compile or deserialize (one C
     * signature); empty if it refused them, its message then kept for {@link WasmtimeLibrary#lastError()}.
     */
    private Optional<MemorySegment> module(MethodHandle maker, byte[] bytes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment copy = arena.allocate(Math.max(1, bytes.length));
            MemorySegment.copy(bytes, 0, copy, JAVA_BYTE, 0, bytes.length);
            MemorySegment out = arena.allocate(ADDRESS);
            int code = (int) maker.invokeExact(engine, copy, (long) bytes.length, out);
            return code == WasmtimeLibrary.OK ? Optional.of(out.get(ADDRESS, 0)) : Optional.empty();
        } catch (Throwable e) {
            throw WasmtimeLibrary.rethrow(e);
        }
    }

    /** Nothing to free: the native engine lives as long as the process (see {@link #engine}). */
    @Override
    public void close() {}
}
