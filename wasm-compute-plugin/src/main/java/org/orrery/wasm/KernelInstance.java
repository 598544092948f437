package org.orrery.wasm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.orrery.api.kernel.BufferSpec;
import org.orrery.api.kernel.KernelAbi;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.SummarySpec;
import org.orrery.memory.copy.BulkCopy;
import org.orrery.wasm.engine.CompiledModule;
import org.orrery.wasm.engine.EngineException;
import org.orrery.wasm.engine.ExportSignature;
import org.orrery.wasm.engine.ModuleInstance;

/**
 * One worker's instance of a kernel, on whichever engine compiled it: its own instance and linear
 * memory. Used by one thread at a time. Any fault closes the instance and is thrown as a
 * {@link KernelFault}; a closed instance refuses further calls with the same fault.
 *
 * <p>State and parameters move through a view of linear memory ({@link ModuleInstance#memory()}),
 * which must never be touched once the instance is closed. The watchdog may close the instance
 * from its own thread (when the engine cannot interrupt a call), so the instance keeps a phase: the
 * watchdog closes only an instance caught in {@link #STEPPING}, and the owner copies only from
 * {@link #IDLE}, each move a compare-and-set.
 */
public final class KernelInstance implements AutoCloseable {

    /**
     * Until an instance has run {@link #WARM_UP_STEPS} steps in a row within the descriptor's
     * budget, a step may run this long: code GraalWasm has not compiled yet runs in its
     * interpreter until the compiler catches up, far slower than the steady state the budget is
     * for. A kernel that never gets fast enough is still stopped, after this allowance.
     */
    static final long WARM_UP_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final int WARM_UP_STEPS = 3;

    private static final ValueLayout.OfDouble WASM_F64 =
            ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final KernelDescriptor descriptor;
    private final String kernel;
    private final StepWatchdog watchdog;
    private static final int IDLE = 0;
    private static final int STEPPING = 1;
    private static final int COPYING = 2;
    private static final int CLOSED = 3;

    private final ModuleInstance module;
    private final AtomicInteger phase = new AtomicInteger(IDLE);
    private final int step;
    /** {@code orrery_reset}, or ABSENT: it is optional. */
    private final int reset;
    /** {@code orrery_swap_states}, or ABSENT: it is optional. */
    private final int swap;
    /** {@code orrery_buffer_ptr}, or ABSENT unless the descriptor declares a buffer. */
    private final int bufferPtr;
    /** {@code orrery_buffer_sample}, or ABSENT: it is optional, and only looked for with a buffer. */
    private final int bufferSample;
    private final int itemCount;
    private final int stride;
    private final long paramsAddress;
    // Checked once, then only traded by swapStates(): both regions stay inside linear memory.
    private long stateInAddress;
    private long stateOutAddress;
    /** The summary block's address, or -1 if the descriptor declares no summary values. */
    private final long summaryAddress;
    private final SummarySpec.Reduce[] reductions;
    private final StepBudget budget;
    private final StepBudget warmUpBudget;

    private volatile long stepStartedNanos;
    /** The thread running the step, and its CPU time when the step started: set before {@link #stepStartedNanos}. */
    private volatile long stepThreadId;
    private volatile long stepStartedCpuNanos;
    private volatile StepBudget currentBudget;
    /**
     * The export running, for the watchdog's message. Plain: written before the volatile
     * {@link #stepStartedNanos}, which the watchdog reads first, so it sees this one's value.
     */
    private String runningExport;
    /** How long the last call took, in wall time; the calling thread's alone. */
    private long lastCallNanos;
    private int fastStepsInARow;
    private volatile boolean timedOut;
    /** Why the watchdog stopped the step, written before {@link #timedOut}. */
    private volatile String timeoutReason;
    private KernelFault fault;
    private long bytesIn;
    private long bytesOut;
    // Written by this instance's worker alone; volatile so that a monitor (the HUD's worker
    // utilisation) reads them from another thread.
    private volatile long copyNanos;
    private volatile long stepNanos;

    KernelInstance(CompiledModule compiled, StepWatchdog watchdog, KernelDescriptor descriptor, String kernel,
                   KernelSize size, KernelLog log) {
        this.descriptor = descriptor;
        this.kernel = kernel;
        this.watchdog = watchdog;
        this.itemCount = size.items();
        this.stride = descriptor.state().stride();
        this.budget = new StepBudget(TimeUnit.MILLISECONDS.toNanos(descriptor.stepBudgetMillis()), false);
        this.warmUpBudget = new StepBudget(Math.max(WARM_UP_BUDGET_NANOS, budget.cpuNanos()), true);
        try {
            this.module = compiled.instantiate(descriptor.memoryBudgetBytes(), log::add);
        } catch (EngineException e) {
            throw fault(e.kind(), e.getMessage() + (e.kind() == KernelFault.Kind.FORBIDDEN_IMPORT
                    ? " (a kernel may import only " + KernelAbi.IMPORT_MODULE + "." + KernelAbi.IMPORT_LOG
                    + " and " + KernelAbi.IMPORT_MODULE + "." + KernelAbi.IMPORT_NOW_NS + ")" : ""), e);
        }
        // Watched from the first call: an orrery_init that never returns is stopped like a step.
        watchdog.watch(this);
        try {
            int abiVersion = requiredExport(KernelAbi.EXPORT_ABI_VERSION, ExportSignature.NONE, null);
            int init = requiredExport(KernelAbi.EXPORT_INIT, ExportSignature.I32, null);
            int params = requiredExport(KernelAbi.EXPORT_PARAMS_PTR, ExportSignature.NONE, null);
            int stateIn = requiredExport(KernelAbi.EXPORT_STATE_IN_PTR, ExportSignature.NONE, null);
            int stateOut = requiredExport(KernelAbi.EXPORT_STATE_OUT_PTR, ExportSignature.NONE, null);
            this.step = requiredExport(KernelAbi.EXPORT_STEP, ExportSignature.I32_I32_F32, null);
            int abi = call(KernelAbi.EXPORT_ABI_VERSION, abiVersion, 0, 0);
            if (abi != KernelAbi.VERSION) {
                throw fault(KernelFault.Kind.ABI_MISMATCH, "the module implements version " + abi
                        + ", this host implements version " + KernelAbi.VERSION, null);
            }
            if (size.isGrid()) {
                int gridShape = requiredExport(KernelAbi.EXPORT_GRID_SHAPE, ExportSignature.I32_I32, "it is a grid kernel");
                int shaped = call(KernelAbi.EXPORT_GRID_SHAPE, gridShape, size.gridWidth(), size.gridHeight());
                if (shaped != KernelAbi.OK) {
                    throw fault(KernelFault.Kind.KERNEL_ERROR, KernelAbi.EXPORT_GRID_SHAPE + "(" + size.gridWidth()
                            + ", " + size.gridHeight() + ") returned " + shaped + ": " + KernelAbi.describe(shaped), null);
                }
            }
            this.bufferPtr = descriptor.buffer().isPresent()
                    ? requiredExport(KernelAbi.EXPORT_BUFFER_PTR, ExportSignature.I32, "its descriptor declares a buffer")
                    : ModuleInstance.ABSENT;
            this.bufferSample = bufferPtr != ModuleInstance.ABSENT
                    ? module.function(KernelAbi.EXPORT_BUFFER_SAMPLE, ExportSignature.I32) : ModuleInstance.ABSENT;
            int initialised = call(KernelAbi.EXPORT_INIT, init, itemCount, 0);
            if (initialised != KernelAbi.OK) {
                throw fault(KernelFault.Kind.KERNEL_ERROR, KernelAbi.EXPORT_INIT + "(" + itemCount + ") returned "
                        + initialised + ": " + KernelAbi.describe(initialised), null);
            }
            this.paramsAddress = Integer.toUnsignedLong(call(KernelAbi.EXPORT_PARAMS_PTR, params, 0, 0));
            this.stateInAddress = Integer.toUnsignedLong(call(KernelAbi.EXPORT_STATE_IN_PTR, stateIn, 0, 0));
            this.stateOutAddress = Integer.toUnsignedLong(call(KernelAbi.EXPORT_STATE_OUT_PTR, stateOut, 0, 0));
            long stateBytes = descriptor.stateBytes(itemCount);
            checkRegion("parameter block", paramsAddress, 8L * descriptor.parameters().size());
            checkRegion("input state", stateInAddress, stateBytes);
            checkRegion("output state", stateOutAddress, stateBytes);
            this.reductions = descriptor.summaries().stream().map(SummarySpec::reduce).toArray(SummarySpec.Reduce[]::new);
            if (reductions.length > 0) {
                this.summaryAddress = Integer.toUnsignedLong(call(KernelAbi.EXPORT_SUMMARY_PTR,
                        requiredExport(KernelAbi.EXPORT_SUMMARY_PTR, ExportSignature.NONE,
                                "its descriptor declares summary values"), 0, 0));
                checkRegion("summary block", summaryAddress, 8L * reductions.length);
            } else {
                this.summaryAddress = -1;
            }
            this.reset = module.function(KernelAbi.EXPORT_RESET, ExportSignature.I32_I32);
            this.swap = module.function(KernelAbi.EXPORT_SWAP_STATES, ExportSignature.NONE);
        } catch (RuntimeException f) {
            close(); // and no longer watched
            throw f instanceof EngineException e ? fault(e.kind(), e.getMessage(), e) : f;
        }
    }

    /** An export the kernel must have; {@code because} says why when the ABI does not require it of all. */
    private int requiredExport(String name, ExportSignature signature, String because) {
        int function = module.function(name, signature);
        if (function == ModuleInstance.ABSENT) {
            throw fault(KernelFault.Kind.MISSING_EXPORT, "the module does not export function " + name
                    + (because == null ? "" : ", which it needs because " + because), null);
        }
        return function;
    }

    /** Writes the parameter block: one f64 per descriptor parameter, in order. */
    public void writeParameters(double[] values) {
        checkOpen();
        if (values.length != descriptor.parameters().size()) {
            throw new IllegalArgumentException(descriptor.id() + ": " + values.length + " parameter values for "
                    + descriptor.parameters().size() + " parameters");
        }
        beginCopy();
        try {
            for (int i = 0; i < values.length; i++) {
                module.memory().set(WASM_F64, paramsAddress + 8L * i, values[i]);
            }
        } finally {
            endCopy();
        }
    }

    /** Copies the whole previous state from {@code source} into the instance's input state. */
    public void writeState(MemorySegment source) {
        writeState(source, 0);
    }

    /** Like {@link #writeState(MemorySegment)}, with the state starting at {@code sourceOffset}. */
    public void writeState(MemorySegment source, long sourceOffset) {
        writeState(source, sourceOffset, 0, itemCount);
    }

    /**
     * Copies items {@code [first, first + count)} of the previous state from {@code source}, where
     * the whole state starts at {@code sourceOffset}, into the same items of the input state.
     */
    public void writeState(MemorySegment source, long sourceOffset, int first, int count) {
        checkOpen();
        long offset = (long) first * stride;
        long bytes = (long) count * stride;
        long start = System.nanoTime();
        beginCopy();
        try {
            BulkCopy.copy(source, sourceOffset + offset, module.memory(), stateInAddress + offset, bytes);
        } finally {
            endCopy();
        }
        copyNanos += System.nanoTime() - start;
        bytesIn += bytes;
    }

    /** Whether the module exports {@code orrery_swap_states}, so its output state can become its input. */
    public boolean canSwapStates() {
        return swap != ModuleInstance.ABSENT;
    }

    /**
     * Runs {@code orrery_swap_states}: the output state, as the last steps left it, becomes the
     * input state, and the former input the output.
     *
     * @throws IllegalStateException if the module has no {@code orrery_swap_states}
     * @throws KernelFault as {@link #step}
     */
    public void swapStates() {
        if (swap == ModuleInstance.ABSENT) {
            throw new IllegalStateException(descriptor.id() + ": " + kernel + " exports no " + KernelAbi.EXPORT_SWAP_STATES);
        }
        int result = invoke(KernelAbi.EXPORT_SWAP_STATES, swap, 0, 0, 0);
        if (result != KernelAbi.OK) {
            throw closeWith(fault(KernelFault.Kind.KERNEL_ERROR, KernelAbi.EXPORT_SWAP_STATES + "() returned " + result
                    + ": " + KernelAbi.describe(result), null));
        }
        long formerIn = stateInAddress;
        stateInAddress = stateOutAddress;
        stateOutAddress = formerIn;
    }

    /**
     * Runs {@code orrery_step} over items {@code [first, first + count)}.
     *
     * @throws KernelFault on an error code, a trap, a time-out or memory past the budget
     */
    public void step(int first, int count, float dt) {
        run(step, KernelAbi.EXPORT_STEP, first, count, dt);
    }

    /** Whether the module exports {@code orrery_reset}, and so makes its own starting state. */
    public boolean canReset() {
        return reset != ModuleInstance.ABSENT;
    }

    /**
     * Runs {@code orrery_reset} over items {@code [first, first + count)}: their starting state,
     * from the parameters, lands in the output state.
     *
     * @throws IllegalStateException if the module has no {@code orrery_reset}
     * @throws KernelFault as {@link #step}
     */
    public void reset(int first, int count) {
        if (reset == ModuleInstance.ABSENT) {
            throw new IllegalStateException(descriptor.id() + ": " + kernel + " exports no " + KernelAbi.EXPORT_RESET);
        }
        run(reset, KernelAbi.EXPORT_RESET, first, count, 0);
    }

    /**
     * Has the kernel fill its parameter buffer with made-up records, through
     * {@code orrery_buffer_sample}, for warming up before real data arrives: {@code upTo} of
     * them, or the buffer's {@code maxRecords} if that is fewer.
     *
     * @return how many records the kernel made; 0, doing nothing, if it has no buffer or does
     *     not export {@code orrery_buffer_sample}
     * @throws IllegalArgumentException if {@code upTo} is negative
     * @throws KernelFault on an error code, a trap or a time-out
     */
    public int sampleBuffer(int upTo) {
        if (upTo < 0) {
            throw new IllegalArgumentException(descriptor.id() + ": " + upTo + " sample records");
        }
        if (bufferSample == ModuleInstance.ABSENT) {
            return 0;
        }
        int records = Math.min(upTo, descriptor.buffer().orElseThrow().maxRecords());
        int result = invoke(KernelAbi.EXPORT_BUFFER_SAMPLE, bufferSample, records, 0, 0);
        if (result != KernelAbi.OK) {
            throw closeWith(fault(KernelFault.Kind.KERNEL_ERROR, KernelAbi.EXPORT_BUFFER_SAMPLE + "(" + records
                    + ") returned " + result + ": " + KernelAbi.describe(result), null));
        }
        return records;
    }

    /**
     * Hands the parameter buffer to the kernel: {@code records} records, {@code fields} f32 values
     * each, from {@code values} (at offset 0). Asks the kernel where with {@code orrery_buffer_ptr},
     * under the watchdog, then copies.
     *
     * @throws IllegalStateException if the descriptor declares no buffer
     * @throws IllegalArgumentException if {@code records} is outside [0, maxRecords]
     * @throws KernelFault if the kernel returns 0 or an address outside its memory, traps or times out
     */
    public void writeBuffer(MemorySegment values, int records) {
        BufferSpec spec = descriptor.buffer().orElseThrow(() -> new IllegalStateException(descriptor.id()
                + ": the descriptor declares no parameter buffer"));
        if (records < 0 || records > spec.maxRecords()) {
            throw new IllegalArgumentException(descriptor.id() + ": " + records + " records for buffer " + spec.name()
                    + ", which holds 0 to " + spec.maxRecords());
        }
        long address = Integer.toUnsignedLong(invoke(KernelAbi.EXPORT_BUFFER_PTR, bufferPtr, records, 0, 0));
        long bytes = 4L * spec.values(records);
        if (address == 0 && records > 0) {
            throw closeWith(fault(KernelFault.Kind.KERNEL_ERROR, KernelAbi.EXPORT_BUFFER_PTR + "(" + records
                    + ") returned 0: the kernel cannot hold the buffer", null));
        }
        long memoryBytes = module.memory().byteSize();
        if (address + bytes > memoryBytes) {
            throw closeWith(fault(KernelFault.Kind.KERNEL_ERROR, "the " + spec.name() + " buffer at " + address + " ("
                    + bytes + " bytes) lies outside linear memory (" + memoryBytes + " bytes)", null));
        }
        long start = System.nanoTime();
        beginCopy();
        try {
            BulkCopy.copy(values, 0, module.memory(), address, bytes);
        } finally {
            endCopy();
        }
        copyNanos += System.nanoTime() - start;
        bytesIn += bytes;
    }

    /** Calls a function over a range of items under the watchdog and checks what it returns. */
    private void run(int function, String name, int first, int count, float dt) {
        int result = invoke(name, function, first, count, dt);
        if (result != KernelAbi.OK) {
            throw closeWith(fault(KernelFault.Kind.KERNEL_ERROR, name + "(" + first + ", " + count
                    + ") returned " + result + ": " + KernelAbi.describe(result), null));
        }
    }

    /**
     * Calls an export as a step: under the watchdog, within the warm-up allowance until the
     * kernel has run {@link #WARM_UP_STEPS} calls in a row within its budget, and counted.
     */
    private int invoke(String export, int function, int a, int b, float c) {
        int result = call(fastStepsInARow >= WARM_UP_STEPS ? budget : warmUpBudget, export, function, a, b, c);
        long took = lastCallNanos;
        stepNanos += took;
        fastStepsInARow = took <= budget.cpuNanos() ? fastStepsInARow + 1 : 0;
        return result;
    }

    /** Calls an export while the instance is being made, within the warm-up allowance. */
    private int call(String export, int function, int a, int b) {
        return call(warmUpBudget, export, function, a, b, 0);
    }

    /** Calls an export under the watchdog, within {@code limits}, and returns its result. */
    private int call(StepBudget limits, String export, int function, int a, int b, float c) {
        checkOpen();
        if (!phase.compareAndSet(IDLE, STEPPING)) {
            throw closedInstance();
        }
        currentBudget = limits;
        runningExport = export;
        stepThreadId = Thread.currentThread().threadId();
        stepStartedCpuNanos = ThreadCpuClock.currentThreadNanos();
        long started = System.nanoTime();
        stepStartedNanos = started;
        int result;
        try {
            result = module.call(function, a, b, c);
        } catch (EngineException e) {
            throw classify(e);
        } finally {
            stepStartedNanos = 0;
        }
        lastCallNanos = System.nanoTime() - started;
        if (!phase.compareAndSet(STEPPING, IDLE)) {
            // The call returned just as the watchdog closed the instance for running too long.
            throw closeWith(timeout(null));
        }
        return result;
    }

    /**
     * Copies items {@code [first, first + count)} of the output state into {@code target}, where the
     * whole state starts at {@code targetOffset}: item {@code i} lands at {@code targetOffset + i * stride}.
     */
    public void readState(int first, int count, MemorySegment target, long targetOffset) {
        checkOpen();
        long offset = (long) first * stride;
        int bytes = Math.multiplyExact(count, stride);
        long start = System.nanoTime();
        beginCopy();
        try {
            BulkCopy.copy(module.memory(), stateOutAddress + offset, target, targetOffset + offset, bytes);
        } finally {
            endCopy();
        }
        copyNanos += System.nanoTime() - start;
        bytesOut += bytes;
    }

    /** The summary values each step writes: as many as the descriptor declares. */
    public int summaryCount() {
        return reductions.length;
    }

    /**
     * Combines the summary block, as the last step wrote it, into {@code whole}: value {@code i}
     * with its descriptor's reduction. Does nothing for a kernel without summary values.
     */
    public void addSummary(double[] whole) {
        if (reductions.length == 0) {
            return;
        }
        checkOpen();
        beginCopy();
        try {
            for (int i = 0; i < reductions.length; i++) {
                whole[i] = reductions[i].combine(whole[i], module.memory().get(WASM_F64, summaryAddress + 8L * i));
            }
        } finally {
            endCopy();
        }
    }

    public int itemCount() {
        return itemCount;
    }

    /** Bytes copied into linear memory so far. */
    public long bytesIn() {
        return bytesIn;
    }

    /** Bytes copied out of linear memory so far. */
    public long bytesOut() {
        return bytesOut;
    }

    /** Time spent copying in and out so far, in nanoseconds. */
    public long copyNanos() {
        return copyNanos;
    }

    /** Time spent in {@code orrery_step} so far, in nanoseconds. */
    public long stepNanos() {
        return stepNanos;
    }

    /** Called by the watchdog thread: stops a step that has run past its CPU budget, or far past it in wall time. */
    void stopIfOverBudget(long now) {
        long started = stepStartedNanos;
        if (started == 0) {
            return;
        }
        long wall = now - started;
        long cpu = ThreadCpuClock.SUPPORTED ? ThreadCpuClock.threadNanos(stepThreadId) - stepStartedCpuNanos : wall;
        StepBudget limits = currentBudget;
        StepBudget.Limit limit = limits.exceeded(wall, cpu);
        if (limit == null || stepStartedNanos != started) {
            return; // within both, or that step has ended
        }
        timeoutReason = limits.describe(runningExport, limit, wall, cpu);
        timedOut = true;
        // Only an instance still stepping is closed here: the owner may be copying otherwise.
        if (!module.interrupt() && phase.compareAndSet(STEPPING, CLOSED)) {
            module.close();
        }
    }

    private KernelFault classify(EngineException e) {
        return closeWith(timedOut || e.kind() == KernelFault.Kind.TIMEOUT ? timeout(e) : fault(e.kind(), e.getMessage(), e));
    }

    private KernelFault timeout(Throwable cause) {
        String reason = timeoutReason;
        return fault(KernelFault.Kind.TIMEOUT, reason != null ? reason : "the engine stopped it", cause);
    }

    private void checkRegion(String what, long address, long bytes) {
        long memorySize = module.memory().byteSize();
        if (address + bytes > memorySize) {
            throw fault(KernelFault.Kind.KERNEL_ERROR, "the " + what + " at " + address + " (" + bytes
                    + " bytes) lies outside linear memory (" + memorySize + " bytes)", null);
        }
    }

    private KernelFault fault(KernelFault.Kind kind, String cause, Throwable throwable) {
        return new KernelFault(kind, descriptor.id(), kernel, cause, throwable);
    }

    private KernelFault closeWith(KernelFault f) {
        fault = f;
        close();
        return f;
    }

    private void checkOpen() {
        if (fault != null) {
            throw fault;
        }
    }

    private void beginCopy() {
        if (!phase.compareAndSet(IDLE, COPYING)) {
            throw closedInstance();
        }
    }

    private void endCopy() {
        phase.compareAndSet(COPYING, IDLE);
    }

    private RuntimeException closedInstance() {
        return fault != null ? fault : new IllegalStateException(descriptor.id() + ": the kernel instance is closed");
    }

    public boolean isFaulted() {
        return fault != null;
    }

    @Override
    public void close() {
        phase.set(CLOSED);
        watchdog.forget(this);
        module.close();
    }
}
