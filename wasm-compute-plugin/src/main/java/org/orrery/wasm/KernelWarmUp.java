package org.orrery.wasm;

import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.orrery.api.kernel.KernelDescriptor;
import org.orrery.api.kernel.ParameterSpec;
import org.orrery.wasm.engine.WasmEngine;

/**
 * What happens when a compute plugin starts, before its first frame: each of its modules (scalar,
 * and SIMD if it ships one) is loaded, instantiated and stepped until its step time settles, and
 * the faster is chosen. GraalWasm's SIMD can be much slower than scalar code, so the choice is
 * measured, never assumed. A SIMD module that faults is dropped in favour of the scalar one.
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

    /**
     * @param chosen the module to run, its code already compiled in the shared engine
     * @param firstResultNanos from the start of loading to the first completed step of the chosen module
     * @param steadyNanos from the start of loading to the chosen module's settled step time
     * @param scalarStepNanos settled step time of the scalar module over all items
     * @param simdStepNanos settled step time of the SIMD module, if it ran
     * @param sampleRecords how many made-up buffer records the warm-up stepped over; 0 if none
     * @param note why the SIMD module was not used, when it failed; empty otherwise
     */
    public record Result(KernelModule chosen, long firstResultNanos, long steadyNanos, long scalarStepNanos,
                         Optional<Long> simdStepNanos, int sampleRecords, String note) {}

    /** One module's warm-up, in nanoseconds from the start of the whole warm-up. */
    private record Timing(KernelModule module, long firstResult, long steady, long step, int sampleRecords) {}

    private KernelWarmUp() {}

    /**
     * Warms up and chooses.
     *
     * @param simd the SIMD module's bytes, if the plugin ships one
     * @param initialState state for the warm-up steps ({@code stateBytes(size.items())} bytes)
     * @param limit the longest one module may be warmed up; it is then taken as steady
     * @throws KernelFault if the scalar module faults
     */
    public static Result run(WasmEngine runtime, StepWatchdog watchdog, KernelDescriptor descriptor, byte[] scalar,
                             Optional<byte[]> simd, KernelSize size, MemorySegment initialState, Duration limit) {
        long start = System.nanoTime();
        Timing scalarRun = warmUp(new KernelModule(runtime, watchdog, descriptor, descriptor.module(), scalar),
                size, initialState, limit, start);
        Optional<Timing> simdRun = Optional.empty();
        String note = "";
        if (simd.isPresent() && descriptor.simdModule().isPresent()) {
            try {
                KernelModule module = new KernelModule(runtime, watchdog, descriptor, descriptor.simdModule().get(),
                        simd.get());
                simdRun = Optional.of(warmUp(module, size, initialState, limit, start));
            } catch (KernelFault f) {
                note = "SIMD module not used: " + f.getMessage();
                LOG.log(Level.WARNING, note);
            }
        }
        Timing chosen = simdRun.filter(s -> s.step() < scalarRun.step()).orElse(scalarRun);
        Result result = new Result(chosen.module(), chosen.firstResult(), chosen.steady(), scalarRun.step(),
                simdRun.map(Timing::step), chosen.sampleRecords(), note);
        LOG.log(Level.INFO, String.format("%s: running %s; first result after %.1f ms, steady after %.1f ms;"
                        + " step %.3f ms scalar%s%s", descriptor.id(), chosen.module().file(), result.firstResultNanos() / 1e6,
                result.steadyNanos() / 1e6, result.scalarStepNanos() / 1e6,
                result.simdStepNanos().map(n -> String.format(", %.3f ms SIMD", n / 1e6)).orElse(""),
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
        return new Settled(timing.firstResult(), timing.steady(), timing.step());
    }

    private static Timing warmUp(KernelModule module, KernelSize size, MemorySegment initialState, Duration limit,
                                 long start) {
        double[] parameters = module.descriptor().parameters().stream().mapToDouble(ParameterSpec::defaultValue).toArray();
        long deadline = System.nanoTime() + limit.toNanos();
        long[] times = new long[4 * WINDOW];
        int steps = 0;
        long firstResult = 0;
        try (KernelInstance instance = module.newInstance(size)) {
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
                    if (Math.abs(recent - earlier) <= STEADY_TOLERANCE * earlier || after > deadline) {
                        return new Timing(module, firstResult, after - start, recent, sampleRecords);
                    }
                }
            }
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
