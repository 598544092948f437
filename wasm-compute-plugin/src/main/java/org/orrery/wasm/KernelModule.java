package org.orrery.wasm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.util.Objects;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.ByteSequence;
import org.orrery.api.kernel.KernelDescriptor;

/**
 * A kernel's module as the shared engine knows it: the descriptor and the module's bytes, ready
 * to be instantiated once per worker. Compiled code is shared through the engine.
 */
public final class KernelModule {

    private final WasmRuntime runtime;
    private final StepWatchdog watchdog;
    private final KernelDescriptor descriptor;
    private final String kernel;
    private final Source source;
    private final byte[] bytes;

    /**
     * @param kernel the module's file name, for messages
     */
    public KernelModule(WasmRuntime runtime, StepWatchdog watchdog, KernelDescriptor descriptor, String kernel,
                        byte[] bytes) {
        this.runtime = Objects.requireNonNull(runtime);
        this.watchdog = Objects.requireNonNull(watchdog);
        this.descriptor = Objects.requireNonNull(descriptor);
        this.kernel = Objects.requireNonNull(kernel);
        this.bytes = bytes.clone();
        try {
            // The source name becomes the module name; keep it free of the file's path.
            this.source = Source.newBuilder("wasm", ByteSequence.create(this.bytes), descriptor.id()).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not reached: the bytes are in memory
        }
    }

    /**
     * A new instance for one worker, initialised for {@code itemCount} items.
     *
     * @throws KernelFault if the module is malformed, declares more initial memory than its budget,
     *     imports what the host does not offer, lacks an export, implements another ABI version, or
     *     fails in {@code orrery_init}
     * @throws IllegalArgumentException if the item count is outside the descriptor's range
     */
    public KernelInstance newInstance(int itemCount) {
        KernelDescriptor.ItemCount items = descriptor.items();
        if (itemCount < items.min() || itemCount > items.max()) {
            throw new IllegalArgumentException(descriptor.id() + ": item count " + itemCount + " is outside ["
                    + items.min() + ", " + items.max() + "]");
        }
        checkDeclaredMemory();
        return new KernelInstance(runtime, watchdog, descriptor, kernel, source, itemCount);
    }

    /** Refuses, before GraalWasm allocates it, initial memory beyond the budget. */
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
     * The starting state of {@code itemCount} items for the given parameters, made by the module's
     * {@code orrery_reset} on an instance of its own, into {@code target} (from offset 0).
     *
     * @throws IllegalStateException if the module has no {@code orrery_reset}
     * @throws KernelFault if the module fails making it
     */
    public void startingState(int itemCount, double[] parameters, MemorySegment target) {
        try (KernelInstance instance = newInstance(itemCount)) {
            instance.writeParameters(parameters);
            instance.reset(0, itemCount);
            instance.readState(0, itemCount, target, 0);
        }
    }

    /** The module's file name. */
    public String file() {
        return kernel;
    }

    public KernelDescriptor descriptor() {
        return descriptor;
    }
}
