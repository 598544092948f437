package org.orrery.wasm;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.orrery.api.kernel.BufferSpec;
import org.orrery.api.kernel.KernelAbi;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.SummarySpec;

/**
 * One worker's instance of a kernel: its own GraalWasm {@link Context}, instance and linear
 * memory. Used by one thread at a time. Any fault closes the instance and is thrown as a
 * {@link KernelFault}; a closed instance refuses further calls with the same fault.
 *
 * <p>State and parameters move through a direct view of linear memory ({@link LinearMemory}),
 * which must never be touched once the context is closed. The watchdog may close the context from
 * its own thread, so the instance keeps a phase: the watchdog closes only an instance caught in
 * {@link #STEPPING}, and the owner copies only from {@link #IDLE}, each move a compare-and-set.
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

    private final KernelDescriptor descriptor;
    private final String kernel;
    private final StepWatchdog watchdog;
    private static final int IDLE = 0;
    private static final int STEPPING = 1;
    private static final int COPYING = 2;
    private static final int CLOSED = 3;

    private final Context context;
    private final LinearMemory memory;
    private final AtomicInteger phase = new AtomicInteger(IDLE);
    private final Value step;
    /** {@code orrery_reset}, or null: it is optional. */
    private final Value reset;
    /** {@code orrery_buffer_ptr}, or null unless the descriptor declares a buffer. */
    private final Value bufferPtr;
    /** {@code orrery_buffer_sample}, or null: it is optional, and only looked for with a buffer. */
    private final Value bufferSample;
    private final int itemCount;
    private final int stride;
    private final long paramsAddress;
    private final long stateInAddress;
    private final long stateOutAddress;
    /** The summary block's address, or -1 if the descriptor declares no summary values. */
    private final long summaryAddress;
    private final SummarySpec.Reduce[] reductions;
    private final long stepBudgetNanos;

    private volatile long stepStartedNanos;
    private volatile long currentBudgetNanos;
    private int fastStepsInARow;
    private volatile boolean timedOut;
    private KernelFault fault;
    private long bytesIn;
    private long bytesOut;
    // Written by this instance's worker alone; volatile so that a monitor (the HUD's worker
    // utilisation) reads them from another thread.
    private volatile long copyNanos;
    private volatile long stepNanos;

    KernelInstance(WasmRuntime runtime, StepWatchdog watchdog, KernelDescriptor descriptor, String kernel,
                   Source source, KernelSize size, KernelLog log) {
        this.descriptor = descriptor;
        this.kernel = kernel;
        this.watchdog = watchdog;
        this.itemCount = size.items();
        this.stride = descriptor.state().stride();
        this.stepBudgetNanos = TimeUnit.MILLISECONDS.toNanos(descriptor.stepBudgetMillis());
        // Bindings access lets the host reach GraalWasm's WebAssembly object (see LinearMemory);
        // the module itself still sees nothing but the imports given to it.
        this.context = Context.newBuilder("wasm").engine(runtime.engine())
                .allowPolyglotAccess(PolyglotAccess.newBuilder().allowBindingsAccess("wasm").build()).build();
        try {
            Value module = evaluate(source);
            Value[] memoryHolder = new Value[1];
            Value instance = instantiate(module, memoryHolder, log);
            Value exports = instance.getMember("exports");
            for (String name : KernelAbi.REQUIRED_EXPORTS) {
                Value export = exports.getMember(name);
                boolean right = name.equals(KernelAbi.EXPORT_MEMORY) ? export != null && export.hasBufferElements()
                        : export != null && export.canExecute();
                if (!right) {
                    throw fault(KernelFault.Kind.MISSING_EXPORT, "the module does not export "
                            + (name.equals(KernelAbi.EXPORT_MEMORY) ? "its memory as \"memory\"" : "function " + name), null);
                }
            }
            memoryHolder[0] = exports.getMember(KernelAbi.EXPORT_MEMORY);
            this.memory = linearMemory(memoryHolder[0]);
            int abi = call(exports.getMember(KernelAbi.EXPORT_ABI_VERSION));
            if (abi != KernelAbi.VERSION) {
                throw fault(KernelFault.Kind.ABI_MISMATCH, "the module implements version " + abi
                        + ", this host implements version " + KernelAbi.VERSION, null);
            }
            if (size.isGrid()) {
                int shaped = call(requiredExport(exports, KernelAbi.EXPORT_GRID_SHAPE, "it is a grid kernel"),
                        size.gridWidth(), size.gridHeight());
                if (shaped != KernelAbi.OK) {
                    throw fault(KernelFault.Kind.KERNEL_ERROR, KernelAbi.EXPORT_GRID_SHAPE + "(" + size.gridWidth()
                            + ", " + size.gridHeight() + ") returned " + shaped + ": " + KernelAbi.describe(shaped), null);
                }
            }
            this.bufferPtr = descriptor.buffer().isPresent()
                    ? requiredExport(exports, KernelAbi.EXPORT_BUFFER_PTR, "its descriptor declares a buffer") : null;
            Value sampleExport = exports.getMember(KernelAbi.EXPORT_BUFFER_SAMPLE);
            this.bufferSample = bufferPtr != null && sampleExport != null && sampleExport.canExecute() ? sampleExport : null;
            int init = call(exports.getMember(KernelAbi.EXPORT_INIT), itemCount);
            if (init != KernelAbi.OK) {
                throw fault(KernelFault.Kind.KERNEL_ERROR, KernelAbi.EXPORT_INIT + "(" + itemCount + ") returned "
                        + init + ": " + KernelAbi.describe(init), null);
            }
            this.paramsAddress = Integer.toUnsignedLong(call(exports.getMember(KernelAbi.EXPORT_PARAMS_PTR)));
            this.stateInAddress = Integer.toUnsignedLong(call(exports.getMember(KernelAbi.EXPORT_STATE_IN_PTR)));
            this.stateOutAddress = Integer.toUnsignedLong(call(exports.getMember(KernelAbi.EXPORT_STATE_OUT_PTR)));
            long stateBytes = descriptor.stateBytes(itemCount);
            long memorySize = memory.size();
            checkRegion("parameter block", paramsAddress, 8L * descriptor.parameters().size(), memorySize);
            checkRegion("input state", stateInAddress, stateBytes, memorySize);
            checkRegion("output state", stateOutAddress, stateBytes, memorySize);
            this.reductions = descriptor.summaries().stream().map(SummarySpec::reduce).toArray(SummarySpec.Reduce[]::new);
            if (reductions.length > 0) {
                this.summaryAddress = Integer.toUnsignedLong(call(requiredExport(exports, KernelAbi.EXPORT_SUMMARY_PTR,
                        "its descriptor declares summary values")));
                checkRegion("summary block", summaryAddress, 8L * reductions.length, memory.size());
            } else {
                this.summaryAddress = -1;
            }
            this.step = exports.getMember(KernelAbi.EXPORT_STEP);
            Value resetExport = exports.getMember(KernelAbi.EXPORT_RESET);
            this.reset = resetExport != null && resetExport.canExecute() ? resetExport : null;
        } catch (KernelFault f) {
            context.close(true);
            throw f;
        }
        watchdog.watch(this);
    }

    private Value requiredExport(Value exports, String name, String because) {
        Value export = exports.getMember(name);
        if (export == null || !export.canExecute()) {
            throw fault(KernelFault.Kind.MISSING_EXPORT, "the module does not export function " + name
                    + ", which it needs because " + because, null);
        }
        return export;
    }

    private Value evaluate(Source source) {
        try {
            return context.eval(source);
        } catch (PolyglotException e) {
            throw fault(KernelFault.Kind.MALFORMED_MODULE, e.getMessage(), e);
        }
    }

    private LinearMemory linearMemory(Value exported) {
        try {
            return new LinearMemory(context, exported, descriptor.memoryBudgetBytes());
        } catch (IllegalStateException e) {
            throw fault(KernelFault.Kind.HOST_ERROR, e.getMessage(), e);
        }
    }

    private Value instantiate(Value module, Value[] memoryHolder, KernelLog kernelLog) {
        ProxyExecutable log = args -> {
            int address = args[0].asInt();
            int length = Math.min(args[1].asInt(), 4096);
            byte[] text = new byte[Math.max(0, length)];
            memoryHolder[0].readBuffer(address, text, 0, text.length);
            kernelLog.add(new String(text, StandardCharsets.UTF_8));
            return null;
        };
        ProxyExecutable nowNs = args -> System.nanoTime();
        Object imports = ProxyObject.fromMap(Map.of(KernelAbi.IMPORT_MODULE,
                ProxyObject.fromMap(Map.of(KernelAbi.IMPORT_LOG, log, KernelAbi.IMPORT_NOW_NS, nowNs))));
        try {
            return module.newInstance(imports);
        } catch (PolyglotException e) {
            // The host offers only the orrery module: any other import fails to link.
            throw fault(KernelFault.Kind.FORBIDDEN_IMPORT, e.getMessage()
                    + " (a kernel may import only " + KernelAbi.IMPORT_MODULE + "." + KernelAbi.IMPORT_LOG
                    + " and " + KernelAbi.IMPORT_MODULE + "." + KernelAbi.IMPORT_NOW_NS + ")", e);
        }
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
                memory.writeDouble(paramsAddress + 8L * i, values[i]);
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
        checkOpen();
        long bytes = descriptor.stateBytes(itemCount);
        long start = System.nanoTime();
        beginCopy();
        try {
            memory.write(source, sourceOffset, stateInAddress, bytes);
        } finally {
            endCopy();
        }
        copyNanos += System.nanoTime() - start;
        bytesIn += bytes;
    }

    /**
     * Runs {@code orrery_step} over items {@code [first, first + count)}.
     *
     * @throws KernelFault on an error code, a trap, a time-out or memory past the budget
     */
    public void step(int first, int count, float dt) {
        run(step, KernelAbi.EXPORT_STEP, first, count, new Object[] {first, count, dt});
    }

    /** Whether the module exports {@code orrery_reset}, and so makes its own starting state. */
    public boolean canReset() {
        return reset != null;
    }

    /**
     * Runs {@code orrery_reset} over items {@code [first, first + count)}: their starting state,
     * from the parameters, lands in the output state.
     *
     * @throws IllegalStateException if the module has no {@code orrery_reset}
     * @throws KernelFault as {@link #step}
     */
    public void reset(int first, int count) {
        if (reset == null) {
            throw new IllegalStateException(descriptor.id() + ": " + kernel + " exports no " + KernelAbi.EXPORT_RESET);
        }
        run(reset, KernelAbi.EXPORT_RESET, first, count, new Object[] {first, count});
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
        if (bufferSample == null) {
            return 0;
        }
        int records = Math.min(upTo, descriptor.buffer().orElseThrow().maxRecords());
        int result = invoke(bufferSample, new Object[] {records});
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
        long address = Integer.toUnsignedLong(invoke(bufferPtr, new Object[] {records}));
        long bytes = 4L * spec.values(records);
        if (address == 0 && records > 0) {
            throw closeWith(fault(KernelFault.Kind.KERNEL_ERROR, KernelAbi.EXPORT_BUFFER_PTR + "(" + records
                    + ") returned 0: the kernel cannot hold the buffer", null));
        }
        if (address + bytes > memory.size()) {
            throw closeWith(fault(KernelFault.Kind.KERNEL_ERROR, "the " + spec.name() + " buffer at " + address + " ("
                    + bytes + " bytes) lies outside linear memory (" + memory.size() + " bytes)", null));
        }
        long start = System.nanoTime();
        beginCopy();
        try {
            memory.write(values, 0, address, bytes);
        } finally {
            endCopy();
        }
        copyNanos += System.nanoTime() - start;
        bytesIn += bytes;
    }

    /** Calls a function over a range of items under the watchdog and checks what it returns. */
    private void run(Value function, String name, int first, int count, Object[] arguments) {
        int result = invoke(function, arguments);
        if (result != KernelAbi.OK) {
            throw closeWith(fault(KernelFault.Kind.KERNEL_ERROR, name + "(" + first + ", " + count
                    + ") returned " + result + ": " + KernelAbi.describe(result), null));
        }
    }

    /** Calls an export under the watchdog, follows any memory growth, and returns its result. */
    private int invoke(Value function, Object[] arguments) {
        checkOpen();
        int result;
        boolean warm = fastStepsInARow >= WARM_UP_STEPS;
        currentBudgetNanos = warm ? stepBudgetNanos : Math.max(WARM_UP_BUDGET_NANOS, stepBudgetNanos);
        if (!phase.compareAndSet(IDLE, STEPPING)) {
            throw closedInstance();
        }
        long started = System.nanoTime();
        stepStartedNanos = started;
        try {
            result = function.execute(arguments).asInt();
        } catch (PolyglotException e) {
            throw classify(e);
        } finally {
            stepStartedNanos = 0;
        }
        if (!phase.compareAndSet(STEPPING, IDLE)) {
            // The step returned just as the watchdog closed the context for running too long.
            throw closeWith(timeout(null));
        }
        long took = System.nanoTime() - started;
        stepNanos += took;
        fastStepsInARow = took <= stepBudgetNanos ? fastStepsInARow + 1 : 0;
        memory.followGrowth();
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
            memory.read(stateOutAddress + offset, target, targetOffset + offset, bytes);
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
                whole[i] = reductions[i].combine(whole[i], memory.readDouble(summaryAddress + 8L * i));
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

    /** Called by the watchdog thread: stops a step that has run past the budget. */
    void stopIfOverBudget(long now) {
        long started = stepStartedNanos;
        if (started == 0 || now - started <= currentBudgetNanos) {
            return;
        }
        timedOut = true;
        try {
            context.interrupt(Duration.ofMillis(100));
        } catch (TimeoutException e) {
            // Only a context still stepping is closed here: the owner may be copying otherwise.
            if (phase.compareAndSet(STEPPING, CLOSED)) {
                context.close(true);
            }
        } catch (IllegalStateException alreadyClosed) {
            // the step ended and the instance closed meanwhile
        }
    }

    private KernelFault classify(PolyglotException e) {
        KernelFault f;
        if (timedOut || e.isInterrupted() || e.isCancelled()) {
            f = timeout(e);
        } else if (overBudget(e)) {
            f = fault(KernelFault.Kind.MEMORY_BUDGET, e.asHostException().getMessage(), e);
        } else if (e.isResourceExhausted()) {
            f = fault(KernelFault.Kind.TRAP, "resources exhausted: " + e.getMessage(), e);
        } else {
            f = fault(KernelFault.Kind.TRAP, e.getMessage(), e);
        }
        return closeWith(f);
    }

    private KernelFault timeout(Throwable cause) {
        return fault(KernelFault.Kind.TIMEOUT, "stopped after " + TimeUnit.NANOSECONDS.toMillis(currentBudgetNanos)
                + " ms" + (fastStepsInARow < WARM_UP_STEPS ? " (warm-up allowance)" : ""), cause);
    }

    private static boolean overBudget(PolyglotException e) {
        return e.isHostException() && e.asHostException() instanceof LinearMemory.BudgetExceeded;
    }

    private void checkRegion(String what, long address, long bytes, long memorySize) {
        if (address + bytes > memorySize) {
            throw fault(KernelFault.Kind.KERNEL_ERROR, "the " + what + " at " + address + " (" + bytes
                    + " bytes) lies outside linear memory (" + memorySize + " bytes)", null);
        }
    }

    private int call(Value function, Object... args) {
        try {
            return function.execute(args).asInt();
        } catch (PolyglotException e) {
            throw overBudget(e) ? fault(KernelFault.Kind.MEMORY_BUDGET, e.asHostException().getMessage(), e)
                    : fault(KernelFault.Kind.TRAP, e.getMessage(), e);
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
        try {
            context.close(true);
        } catch (IllegalStateException | PolyglotException e) {
            // already closed or cancelled by the watchdog
        }
    }
}
