package org.orrery.wasm;

import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.ParameterSpec;
import org.orrery.wasm.engine.WasmEngine;

/**
 * What happens when a compute plugin starts, before its first frame: each of its modules (scalar,
 * and SIMD if it ships one) is loaded on each engine it may run on (GraalWasm, Wasmtime),
 * instantiated and stepped until its step time settles, and the fastest is chosen. Neither the
 * engine nor SIMD is assumed to win: GraalWasm's SIMD can be much slower than its scalar code, and
 * which engine is faster depends on the kernel. A module that faults on an engine other than the
 * first, or a SIMD module that faults, is dropped, and the result says why.
 *
 * <p>Where modules on more than one engine settled, they are timed again side by side, one step
 * each in turn, and the choice is made on those times: measured one after the other, a module on
 * Wasmtime paid for GraalWasm's JIT still compiling the module measured before it (on two cores,
 * enough to have the slower engine chosen). On one engine the warm-up's times stand, which keeps a
 * start with a remembered verdict as short as it was.
 *
 * <p>A kernel with a parameter buffer that exports {@code orrery_buffer_sample} is warmed up on
 * {@value #SAMPLE_RECORDS} made-up records (or its {@code maxRecords}, if fewer): without them its
 * loops over the buffer would first be compiled during the first step over the user's data, which
 * for millions of records takes seconds.
 */
public final class KernelWarmUp {

    private static final System.Logger LOG = System.getLogger(KernelWarmUp.class.getName());
    /** Steps compared for steadiness: the median of the last WINDOW against the WINDOW before. */
    private static final int WINDOW = 5;
    private static final double STEADY_TOLERANCE = 0.10;
    private static final float DT = 1 / 60f;
    private static final int SAMPLE_RECORDS = 1 << 18;
    /** Rounds of the side-by-side comparison; fewer, down to MIN_ROUNDS, where they would take longer than its budget. */
    private static final int ROUNDS = 7;
    private static final int MIN_ROUNDS = 3;
    private static final long SIDE_BY_SIDE_BUDGET_NANOS = 300_000_000L;

    /**
     * One module on one engine, as measured: its step time over all items, settled unless the
     * warm-up's limit came first (GraalWasm still compiling, typically).
     */
    public record Candidate(String engine, String module, long stepNanos, boolean settled) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %s %.3f ms%s", engine, module, stepNanos / 1e6,
                    settled ? "" : " (not settled)");
        }
    }

    /**
     * @param chosen the module to run, on its engine, its code already compiled
     * @param measured the chosen module's measurement, one of {@code candidates}
     * @param firstResultNanos from the start of loading to the first completed step of the chosen module
     * @param steadyNanos from the start of loading to the chosen module's settled step time
     * @param candidates every module and engine measured, in the order they ran
     * @param sampleRecords how many made-up buffer records the warm-up stepped over; 0 if none
     * @param note why a module or an engine was not used, when one failed; empty otherwise
     */
    public record Result(KernelModule chosen, Candidate measured, long firstResultNanos, long steadyNanos,
                         List<Candidate> candidates, int sampleRecords, String note) {

        /** The chosen module's settled step time. */
        public long stepNanos() {
            return measured.stepNanos();
        }

        /** Which engine and module run, and why: for the HUD, the log and the run report. */
        public String choice() {
            String others = candidates.stream().filter(c -> c != measured).map(Candidate::toString)
                    .collect(Collectors.joining(", "));
            return String.format(Locale.ROOT, "%s, %s: %.3f ms a step%s", measured.engine(), measured.module(),
                    measured.stepNanos() / 1e6, others.isEmpty() ? "" : ", the fastest of " + candidates.size() + " ("
                            + others + ")");
        }
    }

    /**
     * One module's warm-up, in nanoseconds from the start of the whole warm-up, with its instance,
     * still open for the side-by-side comparison.
     */
    private record Timing(KernelModule module, KernelInstance instance, long firstResult, long steady, long step,
                          int sampleRecords, boolean settled) {
        Candidate candidate() {
            return new Candidate(module.engine().name(), module.file(), step, settled);
        }

        Timing withStep(long sideBySide) {
            return new Timing(module, instance, firstResult, steady, sideBySide, sampleRecords, settled);
        }
    }

    private KernelWarmUp() {}

    /**
     * Warms up every module on every engine and chooses the fastest.
     *
     * @param engines the engines it may run on, the first of them the reference: its fault on the
     *     scalar module is the kernel's
     * @param simd the SIMD module's bytes, if the plugin ships one
     * @param initialState state for the warm-up steps ({@code stateBytes(size.items())} bytes)
     * @param limit the longest one module may be warmed up; it is then taken as steady
     * @throws KernelFault if the scalar module faults on the first engine
     */
    public static Result run(List<WasmEngine> engines, StepWatchdog watchdog, KernelDescriptor descriptor, byte[] scalar,
                             Optional<byte[]> simd, KernelSize size, MemorySegment initialState, Duration limit) {
        if (engines.isEmpty()) {
            throw new IllegalArgumentException(descriptor.id() + ": no engine to warm up on");
        }
        long start = System.nanoTime();
        List<Timing> timings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try {
            return choose(engines, watchdog, descriptor, scalar, simd, size, initialState, limit, start, timings, notes);
        } finally {
            timings.forEach(t -> t.instance().close());
        }
    }

    private static Result choose(List<WasmEngine> engines, StepWatchdog watchdog, KernelDescriptor descriptor,
                                 byte[] scalar, Optional<byte[]> simd, KernelSize size, MemorySegment initialState,
                                 Duration limit, long start, List<Timing> timings, List<String> notes) {
        for (WasmEngine engine : engines) {
            boolean reference = engine == engines.getFirst();
            try {
                timings.add(warmUp(new KernelModule(engine, watchdog, descriptor, descriptor.module(), scalar),
                        size, initialState, limit, start));
            } catch (KernelFault f) {
                if (reference) {
                    throw f;
                }
                notes.add(engine.name() + " not used: " + f.getMessage());
            }
            if (simd.isPresent() && descriptor.simdModule().isPresent()) {
                try {
                    timings.add(warmUp(new KernelModule(engine, watchdog, descriptor, descriptor.simdModule().get(),
                            simd.get()), size, initialState, limit, start));
                } catch (KernelFault f) {
                    notes.add("SIMD module not used on " + engine.name() + ": " + f.getMessage());
                }
            }
        }
        List<Timing> compared = sideBySide(timings, size, notes);
        String note = String.join("; ", notes);
        if (!note.isEmpty()) {
            LOG.log(Level.WARNING, note);
        }
        Timing chosen = compared.stream().min(Comparator.comparingLong(Timing::step)).orElseThrow();
        List<Candidate> candidates = compared.stream().map(Timing::candidate).toList();
        Result result = new Result(chosen.module(), candidates.get(compared.indexOf(chosen)), chosen.firstResult(),
                chosen.steady(), candidates, chosen.sampleRecords(), note);
        LOG.log(Level.INFO, String.format(Locale.ROOT, "%s: running %s; first result after %.1f ms, steady after %.1f ms%s",
                descriptor.id(), result.choice(), result.firstResultNanos() / 1e6, result.steadyNanos() / 1e6,
                result.sampleRecords() > 0 ? ", over " + result.sampleRecords() + " sample buffer records" : ""));
        return result;
    }

    /**
     * How one module settled: its first step (cold), how long it took to settle and its settled
     * step time, all in nanoseconds.
     */
    public record Settled(long firstStepNanos, long steadyAfterNanos, long stepNanos) {}

    /**
     * Steps one module over all items until its step time settles, as the host does before a
     * plugin's first frame (or for {@code limit} at most), so that its code is compiled.
     */
    public static Settled settle(KernelModule module, KernelSize size, MemorySegment initialState, Duration limit) {
        Timing timing = warmUp(module, size, initialState, limit, System.nanoTime());
        timing.instance().close();
        return new Settled(timing.firstResult(), timing.steady(), timing.step());
    }

    /**
     * Times the settled modules again, one step each in turn for a few rounds, so that whatever
     * else the machine does falls on all of them alike: each one's step time becomes the median of
     * its rounds. A module that faults now is dropped, with a note.
     *
     * @throws KernelFault the first fault, if every module faults
     */
    private static List<Timing> sideBySide(List<Timing> timings, KernelSize size, List<String> notes) {
        if (timings.stream().map(t -> t.module().engine()).distinct().count() < 2) {
            return timings;
        }
        long round = timings.stream().mapToLong(Timing::step).sum();
        int rounds = (int) Math.max(MIN_ROUNDS, Math.min(ROUNDS, SIDE_BY_SIDE_BUDGET_NANOS / Math.max(1, round)));
        long[][] times = new long[timings.size()][rounds];
        KernelFault[] faults = new KernelFault[timings.size()];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < timings.size(); i++) {
                if (faults[i] != null) {
                    continue;
                }
                try {
                    long before = System.nanoTime();
                    timings.get(i).instance().step(0, size.items(), DT);
                    times[i][r] = System.nanoTime() - before;
                } catch (KernelFault f) {
                    faults[i] = f;
                    notes.add(timings.get(i).candidate().engine() + " " + timings.get(i).module().file()
                            + " not used: " + f.getMessage());
                }
            }
        }
        List<Timing> compared = new ArrayList<>();
        for (int i = 0; i < timings.size(); i++) {
            if (faults[i] == null) {
                Arrays.sort(times[i]);
                compared.add(timings.get(i).withStep(times[i][rounds / 2]));
            }
        }
        if (compared.isEmpty()) {
            throw faults[0];
        }
        return compared;
    }

    private static Timing warmUp(KernelModule module, KernelSize size, MemorySegment initialState, Duration limit,
                                 long start) {
        double[] parameters = module.descriptor().parameters().stream().mapToDouble(ParameterSpec::defaultValue).toArray();
        long deadline = System.nanoTime() + limit.toNanos();
        long[] times = new long[4 * WINDOW];
        int steps = 0;
        long firstResult = 0;
        KernelInstance instance = module.newInstance(size);
        try {
            instance.writeParameters(parameters);
            instance.writeState(initialState);
            int sampleRecords = instance.sampleBuffer(SAMPLE_RECORDS);
            while (true) {
                long before = System.nanoTime();
                instance.step(0, size.items(), DT);
                long after = System.nanoTime();
                if (steps == 0) {
                    firstResult = after - start;
                }
                times[steps % times.length] = after - before;
                steps++;
                if (steps >= 2 * WINDOW) {
                    long recent = median(times, steps - WINDOW);
                    long earlier = median(times, steps - 2 * WINDOW);
                    boolean settled = Math.abs(recent - earlier) <= STEADY_TOLERANCE * earlier;
                    if (settled || after > deadline) {
                        return new Timing(module, instance, firstResult, after - start, recent, sampleRecords, settled);
                    }
                }
            }
        } catch (RuntimeException e) {
            instance.close();
            throw e;
        }
    }

    /** Median of the WINDOW step times starting at step {@code from}. */
    private static long median(long[] ring, int from) {
        long[] window = new long[WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            window[i] = ring[(from + i) % ring.length];
        }
        Arrays.sort(window);
        return window[WINDOW / 2];
    }
}
