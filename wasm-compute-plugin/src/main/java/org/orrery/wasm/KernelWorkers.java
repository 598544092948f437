package org.orrery.wasm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.orrery.api.kernel.BufferSpec;
import org.orrery.api.kernel.SummarySpec;
import org.orrery.memory.frame.ComputeFrame;
import org.orrery.memory.ring.ControlEvent;
import org.orrery.memory.ring.ControlHandler;
import org.orrery.memory.timing.ChunkTimeline;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;
import org.orrery.memory.timing.JfrSwitch;
import org.orrery.memory.triple.TripleBuffer;
import org.orrery.memory.wait.WaitPolicy;
import org.orrery.memory.wait.WaitStrategy;
import org.orrery.wasm.topology.CpuPinning;

/**
 * Runs one kernel on a set of worker threads, each with its own {@link KernelInstance}. As the
 * {@link ControlHandler} of a control ring it turns every tick into {@code chunks} ranges of
 * items, dealt out as a work-stealing deque per worker ({@link ChunkDeques}): each worker steps
 * its own ranges first, then steals ranges from workers still busy, and copies each range into
 * the compute triple buffer's back slot. The worker that finishes the last range publishes the frame, and the
 * next tick reads its input straight from that published slot: a triple buffer's producer never
 * writes the slot it published last until it has published another, so no copy is kept. Each
 * worker brings its instance's input state up to that input through a {@link WorkerInput}.
 *
 * <p>Where the slots leave room for a {@link ComputeFrame} header before the state, each frame's
 * header gets the buffer's record count and the tick's summary values: every worker combines the
 * parts its steps wrote, and the worker that publishes combines the workers'.
 *
 * <p>A fault in any range stops the kernel: remaining ranges are skipped, no frame is published,
 * every instance is closed, the fault goes to the listener once, and later ticks are ignored.
 * Other kernels, with their own workers, are not affected.
 */
public final class KernelWorkers implements ControlHandler, AutoCloseable {

    private static final JfrSwitch TICK_EVENTS = new JfrSwitch(TickEvent.class);
    private static final JfrSwitch CHUNK_EVENTS = new JfrSwitch(KernelChunkEvent.class);

    private static final System.Logger LOG = System.getLogger(KernelWorkers.class.getName());
    private static final long WAIT_FOREVER = Long.MAX_VALUE;

    private final KernelModule module;
    private final TripleBuffer output;
    private final long payloadOffset;
    private final int itemCount;
    private final Consumer<KernelFault> onFault;
    /** Whether the slots have a {@link ComputeFrame} header, which this object writes. */
    private final boolean writesHeader;
    private final SummarySpec.Reduce[] reductions;
    /** The tick's summary values, combined from the workers' by the worker that publishes. */
    private final double[] tickSummary;
    private final List<Worker> workers = new ArrayList<>();
    /**
     * The next tick's input: the initial state, then the slot published last (state at
     * {@link #payloadOffset}). Written by the last worker of a tick, read by all in the next; the
     * tick hand-over (completedTick, then tickSequence) orders the two.
     */
    private MemorySegment input;
    private long inputOffset;
    /** The tick whose frame {@link #input} is, or -1 for the initial state; written and read as {@link #input}. */
    private long inputTick = -1;
    private final double[] parameters;
    /**
     * The parameter buffer as the control ring builds it (f32, the descriptor's maximum of
     * records), or null if the kernel has none. Written by the control thread between ticks, like
     * {@link #parameters}; a length event makes it the {@link #buffer}.
     */
    private final MemorySegment stagedBuffer;
    /** The buffer the workers hand to their instances: the staged one or one offered in bulk. */
    private MemorySegment buffer;
    private int bufferRecords;
    /** Moved when {@link #buffer} or its length changes; workers copy the buffer when it moves. */
    private volatile int bufferGeneration;
    /** A bulk buffer offered by another thread, taken by the control thread at the next tick. */
    private final AtomicReference<OfferedBuffer> offered = new AtomicReference<>();

    private record OfferedBuffer(MemorySegment values, int records) {}
    private final ChunkDeques claims;
    private final ChunkRanges ranges;
    private final AtomicInteger chunksDone = new AtomicInteger();
    /** The last tick whose frame is published (or which failed): written after the publish. */
    private volatile long completedTick;
    private final AtomicReference<KernelFault> fault = new AtomicReference<>();
    private final AtomicInteger pinned = new AtomicInteger();
    private final WaitStrategy tickDone;
    private final BooleanSupplier tickCompleted;

    /** When the current tick was released; read by the worker that finishes it. */
    private volatile long tickStartNanos;
    /** The frame the current tick publishes (written by the coordinator before the tick's release). */
    private long tickFrame;
    /** Where tick times go, or null; set before the first tick. */
    private FrameTimeline timeline;
    private ChunkTimeline chunkTimeline;
    /**
     * The last finished tick's {@link TickTiming}, as plain fields under a sequence lock: written by
     * the worker that finishes the tick (odd sequence while it writes), read by anyone.
     */
    private volatile long timingSequence;
    private long timingTick;
    private long timingStart;
    private long timingEnd;
    private long timingIn;
    private long timingOut;
    private long timingCopy;
    private long timingStep;
    /** The instances' running totals at the end of the previous tick, to take this tick's share. */
    private long totalIn;
    private long totalOut;
    private long totalCopy;
    private long totalStep;

    private volatile long tickSequence;
    private volatile float tickDt;
    private volatile int parameterGeneration;
    private volatile boolean running = true;

    /**
     * @param output the compute triple buffer; this object is its only producer
     * @param payloadOffset where the state starts in each slot: {@link ComputeFrame#HEADER_BYTES}
     *     or more to have a header written, at least that if the kernel declares summary values
     * @param size the run's item count, or grid
     * @param initialState the state before the first tick, {@code stateBytes(size.items())} bytes
     * @param workerCpus one CPU per worker thread to pin it to (see
     *     {@link org.orrery.wasm.topology.CorePartition#workers()}); the list's size is the number of
     *     workers. A CPU of -1 leaves that worker unpinned.
     * @param chunks ranges per tick; at least the number of workers so every worker has work
     */
    public KernelWorkers(KernelModule module, KernelSize size, TripleBuffer output, long payloadOffset,
                         MemorySegment initialState, List<Integer> workerCpus, int chunks, WaitPolicy waitPolicy,
                         Consumer<KernelFault> onFault) {
        int workerCount = workerCpus.size();
        int itemCount = size.items();
        long stateBytes = module.descriptor().stateBytes(itemCount);
        if (output.slotBytes() < payloadOffset + stateBytes) {
            throw new IllegalArgumentException("compute slots of " + output.slotBytes() + " bytes cannot hold "
                    + stateBytes + " bytes of state at offset " + payloadOffset);
        }
        this.reductions = module.descriptor().summaries().stream().map(SummarySpec::reduce)
                .toArray(SummarySpec.Reduce[]::new);
        this.writesHeader = payloadOffset >= ComputeFrame.HEADER_BYTES;
        if (reductions.length > 0 && !writesHeader) {
            throw new IllegalArgumentException(module.descriptor().id() + " publishes " + reductions.length
                    + " summary values: its frames need a " + ComputeFrame.HEADER_BYTES + "-byte header, not "
                    + payloadOffset);
        }
        this.tickSummary = new double[reductions.length];
        if (chunks > itemCount) {
            throw new IllegalArgumentException(chunks + " chunks for " + itemCount + " items: at most one chunk per item");
        }
        this.module = module;
        this.output = output;
        this.payloadOffset = payloadOffset;
        this.itemCount = itemCount;
        this.claims = new ChunkDeques(workerCount, chunks);
        this.ranges = new ChunkRanges(itemCount, chunks);
        this.onFault = onFault;
        this.input = Arena.ofAuto().allocate(stateBytes, 64);
        MemorySegment.copy(initialState, 0, input, 0, stateBytes);
        this.parameters = module.descriptor().parameters().stream().mapToDouble(p -> p.defaultValue()).toArray();
        this.stagedBuffer = module.descriptor().buffer()
                .map(spec -> Arena.ofAuto().allocate(4L * spec.values(spec.maxRecords()), 64)).orElse(null);
        this.buffer = stagedBuffer;
        this.tickDone = waitPolicy.newWait();
        this.tickCompleted = () -> completedTick == tickSequence;
        // Instances are made here, before the first tick: loading and compiling is not frame work.
        try {
            for (int i = 0; i < workerCount; i++) {
                workers.add(new Worker(i, workerCpus.get(i), module.newInstance(size), waitPolicy.newWait()));
            }
        } catch (KernelFault f) {
            workers.forEach(w -> w.instance.close());
            throw f;
        }
        workers.forEach(w -> w.thread.start());
    }

    @Override
    public void onControl(ControlEvent event, long sequence, boolean endOfBatch) {
        switch (event.type()) {
            case TICK -> tick(event.dtNanos() * 1e-9f);
            case PARAMETER_CHANGE -> changeParameter(event.parameterIndex(), event.parameterValue());
            case BUFFER_VALUE -> stageBufferValue(event.bufferIndex(), event.bufferValue());
            case BUFFER_LENGTH -> commitBuffer(event.bufferRecords());
            case SHUTDOWN -> close();
            default -> { }
        }
    }

    /**
     * Stamps each tick's start (tick taken) and its frame's publication into {@code frames}, the
     * frame being the compute frame's generation. Before the first tick only.
     */
    public KernelWorkers recordInto(FrameTimeline frames) {
        if (tickSequence != 0) {
            throw new IllegalStateException("the workers have ticked: give them a timeline before");
        }
        this.timeline = frames;
        return this;
    }

    /**
     * Records each chunk's start and end, worker, CPU and bytes copied into {@code chunks}, the
     * frame being the compute frame's generation, as in {@link #recordInto}. Before the first tick
     * only.
     */
    public KernelWorkers recordChunksInto(ChunkTimeline chunks) {
        if (tickSequence != 0) {
            throw new IllegalStateException("the workers have ticked: give them a chunk timeline before");
        }
        if (chunks.chunks() < claims.chunks()) {
            throw new IllegalArgumentException("a tick has " + claims.chunks() + " chunks; the timeline holds "
                    + chunks.chunks());
        }
        this.chunkTimeline = chunks;
        return this;
    }

    /** Runs one tick over all workers and returns when it is published (or has failed). */
    private void tick(float dt) {
        if (fault.get() != null || !running) {
            return;
        }
        long tick = tickSequence + 1;

        if (offered.get() != null) { // read first: no write to the shared line on every tick
            OfferedBuffer bulk = offered.getAndSet(null);
            buffer = bulk.values();
            bufferRecords = bulk.records();
            bufferGeneration = bufferGeneration + 1;
        }
        tickDt = dt;
        chunksDone.set(0);
        claims.open(tick);
        TickEvent event = TICK_EVENTS.isOn() ? new TickEvent() : null; // (48 bytes, only when recorded)
        if (event != null) {
            event.begin();
        }
        tickStartNanos = System.nanoTime();
        FrameTimeline frames = timeline;
        if (frames != null || chunkTimeline != null) {
            // The frame this tick publishes: these workers alone publish, one frame a tick.
            tickFrame = Integer.toUnsignedLong(output.publishedGeneration()) + 1;
        }
        if (frames != null) {
            frames.stamp(tickFrame, FrameStage.TICK_TAKEN, tickStartNanos);
        }
        tickSequence = tick; // volatile write: releases the tick to the workers
        for (int i = 0; i < workers.size(); i++) { // no iterator: this runs every tick
            workers.get(i).wait.signal();
        }
        tickDone.await(tickCompleted, WaitStrategy.deadlineAfter(WAIT_FOREVER));
        if (event != null && event.shouldCommit()) {
            event.end();
            event.plugin = module.descriptor().id();
            event.tick = tick;
            event.chunks = claims.chunks();
            event.workers = workers.size();
            event.commit();
        }
        if (fault.get() != null) {
            close(); // the kernel is stopped: free its workers and instances
        }
    }

    private void changeParameter(int index, double value) {
        if (index < 0 || index >= parameters.length) {
            LOG.log(Level.WARNING, module.descriptor().id() + ": parameter change for index " + index
                    + " ignored, the kernel has " + parameters.length);
            return;
        }
        if (!module.descriptor().parameters().get(index).accepts(value)) {
            LOG.log(Level.WARNING, module.descriptor().id() + ": value " + value + " for parameter "
                    + module.descriptor().parameters().get(index).name() + " ignored: out of range");
            return;
        }
        // Only this thread writes parameters, and never while a tick runs.
        parameters[index] = value;
        parameterGeneration = parameterGeneration + 1;
    }

    private void stageBufferValue(int index, double value) {
        if (stagedBuffer == null || index >= stagedBuffer.byteSize() / 4) {
            LOG.log(Level.WARNING, module.descriptor().id() + ": buffer value #" + index + " ignored: "
                    + (stagedBuffer == null ? "the kernel has no buffer" : "past the buffer's last record"));
            return;
        }
        stagedBuffer.setAtIndex(ValueLayout.JAVA_FLOAT, index, (float) value);
    }

    private void commitBuffer(int records) {
        int max = module.descriptor().buffer().map(BufferSpec::maxRecords).orElse(-1);
        if (records > max) {
            LOG.log(Level.WARNING, module.descriptor().id() + ": buffer of " + records + " records ignored: "
                    + (max < 0 ? "the kernel has no buffer" : "it holds at most " + max));
            return;
        }
        buffer = stagedBuffer;
        bufferRecords = records;
        bufferGeneration = bufferGeneration + 1;
    }

    /**
     * Offers a whole parameter buffer at once, too large for the control ring (for example loaded
     * points): {@code records} records of the descriptor's fields, f32, in {@code values}. The
     * workers take it at the next tick and copy it into their instances; the caller must keep
     * {@code values} unchanged and alive until it offers another buffer or closes the workers. Any
     * thread may call this; a later offer replaces one not yet taken.
     *
     * @throws IllegalStateException if the kernel has no parameter buffer
     * @throws IllegalArgumentException if the records exceed the descriptor's maximum or {@code values}
     */
    public void offerBuffer(MemorySegment values, int records) {
        BufferSpec spec = module.descriptor().buffer().orElseThrow(() -> new IllegalStateException(
                module.descriptor().id() + ": the kernel has no parameter buffer"));
        if (records < 0 || records > spec.maxRecords() || 4L * spec.values(records) > values.byteSize()) {
            throw new IllegalArgumentException(module.descriptor().id() + ": " + records + " records of "
                    + spec.fields().size() + " values do not fit the buffer (at most " + spec.maxRecords()
                    + " records) or the " + values.byteSize() + " bytes given");
        }
        offered.set(new OfferedBuffer(values, records));
    }

    /** The fault that stopped the kernel, if one did. */
    public KernelFault fault() {
        return fault.get();
    }

    /** How many workers run this kernel. */
    public int workerCount() {
        return workers.size();
    }

    /** The CPU worker {@code index} was asked to run on, or -1 if it is not pinned. */
    public int workerCpu(int index) {
        return workers.get(index).cpu;
    }

    /**
     * Nanoseconds worker {@code index} has spent so far stepping the kernel and copying state in
     * and out: its busy time. Any thread.
     */
    public long workerBusyNanos(int index) {
        KernelInstance instance = workers.get(index).instance;
        return instance.stepNanos() + instance.copyNanos();
    }

    /** Workers running pinned to their CPU. */
    public int pinnedWorkers() {
        return pinned.get();
    }

    /** Nanoseconds all workers spent copying so far. */
    public long copyNanos() {
        return workers.stream().mapToLong(w -> w.instance.copyNanos()).sum();
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        for (Worker w : workers) {
            w.wait.signal();
        }
        for (Worker w : workers) {
            try {
                w.thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            w.instance.close();
        }
    }

    private void finishChunk() {
        // The increments order every worker's writes before the last worker's publish.
        if (chunksDone.incrementAndGet() == claims.chunks()) {
            try {
                if (fault.get() == null) {
                    recordTiming();
                    MemorySegment published = output.back();
                    if (writesHeader) {
                        combineSummaries();
                        ComputeFrame.write(published, 0, bufferRecords, tickSummary);
                    }
                    FrameTimeline frames = timeline;
                    if (frames != null) { // before the publish: whoever takes the frame sees it
                        frames.stamp(tickFrame, FrameStage.COMPUTE_PUBLISHED, System.nanoTime());
                    }
                    output.publish();
                    input = published;
                    inputOffset = payloadOffset;
                    inputTick = tickSequence;
                }
            } catch (RuntimeException e) {
                fail(hostError(e));
            } finally {
                completedTick = tickSequence; // the tick ends whatever happened, or the coordinator waits forever
                tickDone.signal();
            }
        }
    }

    /**
     * Combines the workers' parts of the summary values into {@link #tickSummary}, and starts each
     * worker's anew for the next tick. Called by the worker that finished the tick's last chunk,
     * when no other worker touches its parts.
     */
    private void combineSummaries() {
        for (int i = 0; i < reductions.length; i++) {
            double whole = reductions[i].identity();
            for (int w = 0; w < workers.size(); w++) {
                double[] parts = workers.get(w).summary;
                whole = reductions[i].combine(whole, parts[i]);
                parts[i] = reductions[i].identity();
            }
            tickSummary[i] = whole;
        }
    }

    /** Stores this tick's timing; called by the worker that finished its last chunk. */
    private void recordTiming() {
        long in = 0;
        long out = 0;
        long copy = 0;
        long step = 0;
        for (int i = 0; i < workers.size(); i++) {
            KernelInstance instance = workers.get(i).instance;
            in += instance.bytesIn();
            out += instance.bytesOut();
            copy += instance.copyNanos();
            step += instance.stepNanos();
        }
        long end = System.nanoTime();
        timingSequence = timingSequence + 1; // odd: being written
        VarHandle.storeStoreFence();
        timingTick = tickSequence;
        timingStart = tickStartNanos;
        timingEnd = end;
        timingIn = in - totalIn;
        timingOut = out - totalOut;
        timingCopy = copy - totalCopy;
        timingStep = step - totalStep;
        timingSequence = timingSequence + 1; // even: complete
        totalIn = in;
        totalOut = out;
        totalCopy = copy;
        totalStep = step;
    }

    /** Timing of the last tick whose frame was published; tick 0 before the first. */
    public TickTiming lastTickTiming() {
        while (true) {
            long before = timingSequence;
            if ((before & 1) == 0) {
                TickTiming timing = new TickTiming(timingTick, timingStart, timingEnd, timingIn, timingOut, timingCopy,
                        timingStep);
                VarHandle.loadLoadFence();
                if (timingSequence == before) {
                    return timing;
                }
            }
            Thread.onSpinWait();
        }
    }

    private KernelFault hostError(RuntimeException e) {
        return new KernelFault(KernelFault.Kind.HOST_ERROR, module.descriptor().id(), module.file(), e.toString(), e);
    }

    private void fail(KernelFault f) {
        if (fault.compareAndSet(null, f)) {
            LOG.log(Level.ERROR, f.getMessage());
            onFault.accept(f);
        }
    }

    /** One worker thread and its instance. */
    private final class Worker implements Runnable {
        final KernelInstance instance;
        /** Keeps the instance's input state up to each tick's. */
        final WorkerInput workerInput;
        final WaitStrategy wait;
        final Thread thread;
        /** This worker's part of the tick's summary values: its steps' parts, combined. */
        final double[] summary;
        private final int index;
        private final int cpu;
        private long seenTick;
        private int seenParameters = -1;
        private int seenBuffer;
        private final BooleanSupplier newTickOrStop = () -> tickSequence != seenTick || !running;

        Worker(int index, int cpu, KernelInstance instance, WaitStrategy wait) {
            this.index = index;
            this.cpu = cpu;
            this.instance = instance;
            this.workerInput = new WorkerInput(instance, ranges);
            this.wait = wait;
            this.summary = new double[reductions.length];
            for (int i = 0; i < summary.length; i++) {
                summary[i] = reductions[i].identity();
            }
            this.thread = Thread.ofPlatform().name("orrery-kernel-" + module.descriptor().id() + "-" + index)
                    .daemon().unstarted(this);
        }

        @Override
        public void run() {
            if (cpu >= 0 && CpuPinning.pinCurrentThread(cpu)) {
                pinned.incrementAndGet();
            }
            while (true) {
                wait.await(newTickOrStop, WaitStrategy.deadlineAfter(WAIT_FOREVER));
                if (!running) {
                    return;
                }
                seenTick = tickSequence;
                work(seenTick);
            }
        }

        private void work(long tick) {
            boolean prepared = false;
            int chunk;
            while ((chunk = claims.claim(index, tick)) >= 0) {
                if (fault.get() == null) {
                    try {
                        ChunkTimeline chunks = chunkTimeline; // measured only when recorded: this is the worker loop
                        long chunkStart = chunks != null ? System.nanoTime() : 0;
                        long bytesInBefore = chunks != null ? instance.bytesIn() : 0;
                        long bytesOutBefore = chunks != null ? instance.bytesOut() : 0;
                        if (!prepared) {
                            prepare(tick);
                            prepared = true;
                        }
                        int first = ranges.first(chunk);
                        int end = ranges.first(chunk + 1);
                        KernelChunkEvent event = CHUNK_EVENTS.isOn() ? new KernelChunkEvent() : null;
                        if (event != null) {
                            event.begin();
                        }
                        instance.step(first, end - first, tickDt);
                        instance.addSummary(summary);
                        instance.readState(first, end - first, output.back(), payloadOffset);
                        workerInput.stepped(chunk);
                        if (chunks != null) {
                            chunks.stamp(tickFrame, chunk, chunkStart, System.nanoTime(), index, cpu,
                                    instance.bytesIn() - bytesInBefore, instance.bytesOut() - bytesOutBefore);
                        }
                        if (event != null && event.shouldCommit()) {
                            event.end();
                            event.plugin = module.descriptor().id();
                            event.tick = tick;
                            event.chunk = chunk;
                            event.items = end - first;
                            event.worker = index;
                            event.cpu = cpu;
                            event.commit();
                        }
                    } catch (KernelFault f) {
                        fail(f);
                    } catch (RuntimeException e) {
                        // Whatever happens, the range must still be counted, or the tick never ends.
                        fail(hostError(e));
                    }
                }
                finishChunk();
            }
        }

        /** Brings this instance's memory up to date: parameters and buffer if they changed, and the state. */
        private void prepare(long tick) {
            int generation = parameterGeneration;
            if (generation != seenParameters) {
                instance.writeParameters(parameters);
                seenParameters = generation;
            }
            int bufferNow = bufferGeneration;
            if (bufferNow != seenBuffer) {
                instance.writeBuffer(buffer, bufferRecords);
                seenBuffer = bufferNow;
            }
            workerInput.refresh(input, inputOffset, inputTick, tick);
        }
    }

}
