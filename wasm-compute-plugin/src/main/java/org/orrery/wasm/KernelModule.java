package org.orrery.wasm;

import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.wasm.engine.CompiledModule;
import org.orrery.wasm.engine.EngineException;
import org.orrery.wasm.engine.WasmEngine;

/**
 * A kernel's module as an engine knows it: the descriptor and the module's bytes, compiled once
 * (at the first instance) and instantiated once per worker.
 */
public final class KernelModule {

    private final WasmEngine engine;
    private final StepWatchdog watchdog;
    private final KernelDescriptor descriptor;
    private final String kernel;
    private final byte[] bytes;
    private final KernelLog log;
    /** Compiled at the first instance: a malformed module is reported there, as it always was. */
    private CompiledModule compiled;

    /**
     * @param kernel the module's file name, for messages
     */
    public KernelModule(WasmEngine engine, StepWatchdog watchdog, KernelDescriptor descriptor, String kernel,
                        byte[] bytes) {
        this.engine = Objects.requireNonNull(engine);
        this.watchdog = Objects.requireNonNull(watchdog);
        this.descriptor = Objects.requireNonNull(descriptor);
        this.kernel = Objects.requireNonNull(kernel);
        this.bytes = bytes.clone();
        this.log = new KernelLog(descriptor.id());
    }

    /**
     * A new instance for one worker, initialised for {@code size}.
     *
     * @throws KernelFault if the module is malformed, declares more initial memory than its budget,
     *     imports what the host does not offer, lacks an export, implements another ABI version, or
     *     fails in {@code orrery_grid_shape} or {@code orrery_init}
     * @throws IllegalArgumentException if the size is not one the descriptor allows
     */
    public KernelInstance newInstance(KernelSize size) {
        size.checkAgainst(descriptor);
        checkDeclaredMemory();
        return new KernelInstance(compiled(), watchdog, descriptor, kernel, size, log);
    }

    private synchronized CompiledModule compiled() {
        if (compiled == null) {
            try {
                compiled = engine.compile(descriptor.id(), bytes);
            } catch (EngineException e) {
                throw new KernelFault(e.kind(), descriptor.id(), kernel, e.getMessage(), e);
            }
        }
        return compiled;
    }

    /** How its code was made: compiled (and how long that took) or loaded from a cache. */
    public String compiledHow() {
        return compiled().provenance();
    }

    /** The engine that runs it. */
    public WasmEngine engine() {
        return engine;
    }

    /** {@link #newInstance(KernelSize)} for {@code itemCount} items of a kernel that is not a grid. */
    public KernelInstance newInstance(int itemCount) {
        return newInstance(KernelSize.items(itemCount));
    }

    /** Refuses, before the engine allocates it, initial memory beyond the budget. */
    private void checkDeclaredMemory() {
        ModuleMemory memory;
        try {
            memory = ModuleMemory.read(bytes);
        } catch (IllegalArgumentException e) {
            throw new KernelFault(KernelFault.Kind.MALFORMED_MODULE, descriptor.id(), kernel, e.getMessage(), e);
        }
        if (memory.initialBytes() > descriptor.memoryBudgetBytes()) {
            throw new KernelFault(KernelFault.Kind.MEMORY_BUDGET, descriptor.id(), kernel, "the module declares "
                    + memory.initialPages() + " pages (" + memory.initialBytes() + " bytes) of initial memory, the budget is "
                    + descriptor.memoryBudgetBytes() + " bytes", null);
        }
    }

    /**
     * The starting state of a run of {@code size} for the given parameters, made by the module's
     * {@code orrery_reset} on an instance of its own, into {@code target} (from offset 0). A
     * module without {@code orrery_reset} (one whose state comes from its buffer, as density's
     * does) starts from zeros.
     *
     * @throws KernelFault if the module fails making it
     */
    public void startingState(KernelSize size, double[] parameters, MemorySegment target) {
        try (KernelInstance instance = newInstance(size)) {
            if (!instance.canReset()) {
                target.asSlice(0, descriptor.stateBytes(size.items())).fill((byte) 0);
                return;
            }
            instance.writeParameters(parameters);
            instance.reset(0, size.items());
            instance.readState(0, size.items(), target, 0);
        }
    }

    /** What the module's instances logged. */
    public KernelLog log() {
        return log;
    }

    /** The module's file name. */
    public String file() {
        return kernel;
    }

    public KernelDescriptor descriptor() {
        return descriptor;
    }
}
