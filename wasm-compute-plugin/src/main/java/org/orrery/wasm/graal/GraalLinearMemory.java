package org.orrery.wasm.graal;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * A kernel instance's linear memory as the host sees it: a {@link MemorySegment} over the native
 * memory GraalWasm runs the module in, so state moves in and out with one bulk copy each way
 * instead of a polyglot call per eight bytes.
 *
 * <p>GraalWasm gives that view through the {@code mem_as_byte_buffer} function of the
 * {@code WebAssembly} object it exports to the polyglot bindings, and only when the engine keeps
 * memories off-heap as direct buffers ({@link GraalWasmEngine} sets those options). Growing a memory
 * moves it, so the view is taken again after the memory has grown: GraalWasm reports each growth
 * through a callback, which spares a polyglot call to ask the size after every step. The same
 * callback enforces the memory budget as the memory grows: growth past the budget throws
 * {@link BudgetExceeded} into the running module, which stops it there, before it can use the
 * memory it asked for.
 *
 * <p>The view does not keep the memory alive: once the instance's context is closed, any access
 * would read freed memory. The host therefore touches it only in phases in which nothing closes
 * the context ({@code KernelInstance}).
 */
final class GraalLinearMemory {

    private final Value memory;
    private final Value asByteBuffer;
    private MemorySegment view;
    /** Set by GraalWasm's grow callback, on the thread running the module. */
    private boolean grown;

    /**
     * @throws IllegalStateException if the engine does not give linear memory as a direct buffer
     */
    GraalLinearMemory(Context context, Value memory, long budgetBytes) {
        this.memory = memory;
        Value webAssembly = context.getPolyglotBindings().getMember("WebAssembly");
        if (webAssembly == null || !webAssembly.hasMember("mem_as_byte_buffer")) {
            throw new IllegalStateException("GraalWasm exports no WebAssembly.mem_as_byte_buffer to the host");
        }
        this.asByteBuffer = webAssembly.getMember("mem_as_byte_buffer");
        ProxyExecutable onGrow = args -> {
            grown = true;
            long size = args[0].getBufferSize();
            if (size > budgetBytes) {
                throw new BudgetExceeded(size, budgetBytes);
            }
            return null;
        };
        // GraalWasm 25 keeps one grow callback per context, which holds this one memory.
        webAssembly.getMember("mem_set_grow_callback").execute(onGrow);
        refresh();
    }

    /** Takes the view again if the memory has grown: call after anything that ran module code. */
    void followGrowth() {
        if (grown) {
            grown = false;
            refresh();
        }
    }

    /** The memory as it stands: valid until it grows or the context closes. */
    MemorySegment view() {
        return view;
    }

    /** Thrown by the grow callback, through the module, when memory grows past the budget. */
    static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded(long size, long budget) {
            super("linear memory grew to " + size + " bytes, the budget is " + budget, null, false, false);
        }
    }

    private void refresh() {
        Value buffer = asByteBuffer.execute(memory);
        if (!buffer.isHostObject() || !(buffer.asHostObject() instanceof ByteBuffer direct) || !direct.isDirect()) {
            throw new IllegalStateException("GraalWasm gave no direct buffer for linear memory (got " + buffer
                    + "): the engine needs wasm.UseUnsafeMemory and wasm.DirectByteBufferMemoryAccess");
        }
        view = MemorySegment.ofBuffer(direct);
        if (view.byteSize() != memory.getBufferSize()) {
            throw new IllegalStateException("GraalWasm's direct buffer (" + view.byteSize()
                    + " bytes) does not cover linear memory (" + memory.getBufferSize() + " bytes)");
        }
    }
}
