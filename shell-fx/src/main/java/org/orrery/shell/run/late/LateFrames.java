package org.orrery.shell.run.late;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.orrery.memory.timing.FrameStage;
import org.orrery.memory.timing.FrameTimeline;

/**
 * Explains a run's late frames. A frame is late when the interval since the frame presented
 * before it is over the limit (17 ms at 60 Hz): it missed the pulse after that frame's, due one
 * pulse period after it. Its cause is found in this order:
 * <ol>
 *   <li>a GC pause, or another operation at a safepoint, covering at least {@value #EVIDENCE_MILLIS}
 *       ms of the interval (every thread of the pipeline stood still);
 *   <li>if the frame was laid out before its pulse was due (by {@value #EVIDENCE_MILLIS} ms, as
 *       pulses jitter): the pulse came late (the FX thread
 *       was held up), or else its render or presentation ran long beyond its usual time (the run's
 *       median) by at least {@value #EVIDENCE_MILLIS} ms;
 *   <li>if it was laid out after its pulse was due, and frames usually take longer than a pulse
 *       period from tick to layout: the pipeline cannot keep up with the pulses at all (a kernel
 *       slower than the rate; ticks are skipped), whatever else happened to the frame;
 *   <li>if it was laid out after its pulse was due: the part before that ran longest beyond its
 *       usual time, by at least {@value #EVIDENCE_MILLIS} ms (the tick taken late, the kernel's
 *       step, the layout); or, with every part as usual, the tick was published too late for the
 *       pulse: ticks run at their own rate, not in phase with the pulses;
 *   <li>else, if one of the pipeline's threads waited {@value #EVIDENCE_MILLIS} ms or more for a CPU
 *       ({@link CpuHistory}), it was descheduled: more threads wanted to run than there were cores;
 *   <li>else nothing recorded explains it.
 * </ol>
 * A late frame during which the JIT compiled says so: compiling takes a core from the pipeline.
 * So does one during which a pipeline thread waited for a CPU, whatever its cause, with the
 * threads that had the CPUs meanwhile.
 */
public final class LateFrames {

    static final double EVIDENCE_MILLIS = 1.0;
    private static final int WORST = 5;
    private static final int PRESENTED = FrameStage.PRESENTED.ordinal();
    private static final int PULSE = FrameStage.PULSE.ordinal();
    private static final int LAID_OUT = FrameStage.LAYOUT_PUBLISHED.ordinal();
    /** The FX pulse's period: JavaFX pulses at 60 Hz. */
    static final long PULSE_PERIOD_NANOS = 1_000_000_000L / 60;

    /** The parts of a frame's way, each from one stage's stamp to another's, with the cause it stands for. */
    private enum Part {
        TICK(FrameStage.TICK_PUBLISHED, FrameStage.TICK_TAKEN, LateFrameCause.TICK_TAKEN_LATE),
        KERNEL(FrameStage.TICK_TAKEN, FrameStage.COMPUTE_PUBLISHED, LateFrameCause.KERNEL_STEP),
        LAYOUT(FrameStage.COMPUTE_PUBLISHED, FrameStage.LAYOUT_PUBLISHED, LateFrameCause.LAYOUT),
        RENDER(FrameStage.PULSE, FrameStage.RENDER_END, LateFrameCause.RENDER),
        PRESENT(FrameStage.RENDER_END, FrameStage.PRESENTED, LateFrameCause.PRESENT);

        final FrameStage from;
        final FrameStage to;
        final LateFrameCause cause;

        Part(FrameStage from, FrameStage to, LateFrameCause cause) {
            this.from = from;
            this.to = to;
            this.cause = cause;
        }

        /** This part's nanoseconds in a frame's stamps, or -1 if either stamp is missing. */
        long nanos(long[] stamps) {
            long a = stamps[from.ordinal()];
            long b = stamps[to.ordinal()];
            return a == FrameTimeline.MISSING || b == FrameTimeline.MISSING ? -1 : b - a;
        }
    }

    /**
     * One late frame and why.
     *
     * @param waited which of the pipeline's threads waited for a CPU meanwhile, and who had the
     *     CPUs, or null if none waited {@value #EVIDENCE_MILLIS} ms or more (or nothing was sampled)
     */
    public record Late(long frame, double intervalMillis, LateFrameCause cause, String detail, int compilations,
                       String waited) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "frame %d: %.1f ms, %s: %s%s%s", frame, intervalMillis, cause, detail,
                    compilations > 0 ? " (" + compilations + " JIT compilation(s) under way)" : "",
                    waited != null && cause != LateFrameCause.DESCHEDULED ? "; " + waited : "");
        }
    }

    /** The pipeline's threads, by the first 15 bytes of their names, as the OS keeps them: the FX side's, ... */
    private static final List<String> FX_THREADS = List.of("JavaFX Applicat", "QuantumRenderer", "Headless Timer");
    /** ... the layout's, the kernel's workers', the tick's, ... */
    private static final List<String> LAYOUT_THREADS = List.of("orrery-layout-");
    private static final List<String> KERNEL_THREADS = List.of("orrery-kernel-");
    private static final List<String> TICK_THREADS = List.of("orrery-driver-", "orrery-coordina");
    /** ... and all of them. */
    private static final List<String> PIPELINE_THREADS = Stream.of(FX_THREADS, LAYOUT_THREADS,
            KERNEL_THREADS, TICK_THREADS).flatMap(List::stream).toList();

    private record Stamped(long frame, long[] nanos) {}

    private final List<Stamped> frames = new ArrayList<>();

    /** Keeps a frame's stamps (in {@link FrameStage} order, {@link FrameTimeline#MISSING} where none). */
    public void add(long frame, long[] nanos) {
        frames.add(new Stamped(frame, nanos.clone()));
    }

    /**
     * The late frames, in frame order, of those added so far, over {@code lateMillis}.
     *
     * @param events what the JVM did during the run
     * @param cpu how the process's threads shared the CPUs during the run
     */
    public List<Late> explain(List<RuntimeEvent> events, CpuHistory cpu, double lateMillis) {
        List<Stamped> presented = frames.stream().filter(f -> f.nanos()[PRESENTED] != FrameTimeline.MISSING)
                .sorted(Comparator.comparingLong(Stamped::frame)).toList();
        double[] usual = usualMillis(presented);
        List<Late> late = new ArrayList<>();
        for (int i = 1; i < presented.size(); i++) {
            long from = presented.get(i - 1).nanos()[PRESENTED];
            long to = presented.get(i).nanos()[PRESENTED];
            double interval = (to - from) / 1e6;
            if (interval > lateMillis) {
                long pulseBefore = presented.get(i - 1).nanos()[PULSE];
                long due = (pulseBefore != FrameTimeline.MISSING ? pulseBefore : from) + PULSE_PERIOD_NANOS;
                Late found = explain(presented.get(i), from, to, due, interval, events, usual);
                late.add(withWaits(found, cpu.around(from, to)));
            }
        }
        return late;
    }

    private static Late explain(Stamped frame, long from, long to, long due, double interval,
                                List<RuntimeEvent> events, double[] usual) {
        int compilations = (int) events.stream()
                .filter(e -> e.kind() == RuntimeEvent.Kind.COMPILATION && e.overlap(from, to) > 0).count();
        for (RuntimeEvent.Kind kind : List.of(RuntimeEvent.Kind.GC_PAUSE, RuntimeEvent.Kind.SAFEPOINT)) {
            List<RuntimeEvent> pauses = events.stream().filter(e -> e.kind() == kind && e.overlap(from, to) > 0).toList();
            double millis = pauses.stream().mapToLong(e -> e.overlap(from, to)).sum() / 1e6;
            if (millis >= EVIDENCE_MILLIS) {
                RuntimeEvent longest = pauses.stream().max(Comparator.comparingLong(e -> e.overlap(from, to))).orElseThrow();
                return new Late(frame.frame(), interval, kind == RuntimeEvent.Kind.GC_PAUSE
                        ? LateFrameCause.GC_PAUSE : LateFrameCause.SAFEPOINT,
                        String.format(Locale.ROOT, "%.1f ms in %d, the longest %s", millis, pauses.size(), longest.name()),
                        compilations, null);
            }
        }
        long[] stamps = frame.nanos();
        // Pulses jitter: a frame laid out in the last EVIDENCE_MILLIS before its pulse was due may
        // have missed a pulse that came a little early, and is not evidence of a late pulse.
        boolean readyInTime = stamps[LAID_OUT] != FrameTimeline.MISSING && stamps[LAID_OUT] <= due - EVIDENCE_MILLIS * 1e6;
        if (readyInTime && stamps[PULSE] != FrameTimeline.MISSING && stamps[PULSE] - due >= EVIDENCE_MILLIS * 1e6) {
            return new Late(frame.frame(), interval, LateFrameCause.PULSE_LATE, String.format(Locale.ROOT,
                    "laid out %.1f ms before its pulse was due, taken %.1f ms after", (due - stamps[LAID_OUT]) / 1e6,
                    (stamps[PULSE] - due) / 1e6), compilations, null);
        }
        double usualLatency = usual[Part.TICK.ordinal()] + usual[Part.KERNEL.ordinal()] + usual[Part.LAYOUT.ordinal()];
        if (!readyInTime && usualLatency >= PULSE_PERIOD_NANOS / 1e6) {
            return new Late(frame.frame(), interval, LateFrameCause.SLOWER_THAN_PULSES, String.format(Locale.ROOT,
                    "tick to layout usually %.1f ms (kernel %.1f ms), the pulse period %.1f ms", usualLatency,
                    usual[Part.KERNEL.ordinal()], PULSE_PERIOD_NANOS / 1e6), compilations, null);
        }
        List<Part> suspects = readyInTime ? List.of(Part.RENDER, Part.PRESENT) : List.of(Part.TICK, Part.KERNEL, Part.LAYOUT);
        Part worst = null;
        double worstExcess = EVIDENCE_MILLIS;
        double worstMillis = 0;
        for (Part part : suspects) {
            long nanos = part.nanos(stamps);
            double excess = nanos < 0 ? 0 : nanos / 1e6 - usual[part.ordinal()];
            if (excess >= worstExcess) {
                worst = part;
                worstExcess = excess;
                worstMillis = nanos / 1e6;
            }
        }
        if (worst != null) {
            return new Late(frame.frame(), interval, worst.cause, String.format(Locale.ROOT,
                    "%.1f ms, usually %.1f ms", worstMillis, usual[worst.ordinal()]), compilations, null);
        }
        if (!readyInTime && stamps[LAID_OUT] != FrameTimeline.MISSING) {
            long published = stamps[FrameStage.TICK_PUBLISHED.ordinal()];
            return new Late(frame.frame(), interval, LateFrameCause.TICK_OUT_OF_PHASE, String.format(Locale.ROOT,
                    "published %s its pulse was due, laid out %s, every part as usual",
                    beforeOrAfter(published - due), beforeOrAfter(stamps[LAID_OUT] - due)), compilations, null);
        }
        return new Late(frame.frame(), interval, LateFrameCause.UNEXPLAINED,
                "no pause, the pulse on time, and every part within " + EVIDENCE_MILLIS + " ms of its usual time",
                compilations, null);
    }

    /**
     * Adds to a late frame which of the threads of the part that ran long (any of the pipeline's
     * where no part did) waited longest for a CPU, and who ran meanwhile; a frame nothing else
     * explains is then put down to that thread's being descheduled. A part that ran long while its
     * threads did not wait gets no note: its work itself took longer.
     */
    static Late withWaits(Late late, CpuHistory.Window window) {
        if (window == null) {
            return late;
        }
        List<String> suspects = threadsOf(late.cause());
        CpuHistory.ThreadCpu waiting = window.threads().stream().filter(t -> named(t, suspects))
                .max(Comparator.comparingLong(CpuHistory.ThreadCpu::waitNanos)).orElse(null);
        if (waiting == null || waiting.waitNanos() < EVIDENCE_MILLIS * 1e6) {
            return late;
        }
        double ran = window.threads().stream().mapToLong(CpuHistory.ThreadCpu::runNanos).sum() / 1e6;
        String waited = String.format(Locale.ROOT, "%s waited %.1f ms for a CPU; over the %.0f ms sampled around the frame"
                        + " this process ran %.0f of the %.0f ms its %d CPUs offered (the rest went to other processes, or"
                        + " stood idle), its busiest threads outside the pipeline: %s; the pipeline's other threads: %s",
                waiting.name(), waiting.waitNanos() / 1e6, window.millis(), ran, window.millis() * window.cpus(),
                window.cpus(), busiest(window, t -> !inPipeline(t)), busiest(window, t -> inPipeline(t) && t != waiting));
        return late.cause() == LateFrameCause.UNEXPLAINED
                ? new Late(late.frame(), late.intervalMillis(), LateFrameCause.DESCHEDULED, waited, late.compilations(), waited)
                : new Late(late.frame(), late.intervalMillis(), late.cause(), late.detail(), late.compilations(), waited);
    }

    /** The three threads that ran longest in the window of those {@code which} takes, 1 ms or more each. */
    private static String busiest(CpuHistory.Window window, Predicate<CpuHistory.ThreadCpu> which) {
        return window.threads().stream().filter(t -> which.test(t) && t.runNanos() >= 1e6)
                .sorted(Comparator.comparingLong(CpuHistory.ThreadCpu::runNanos).reversed()).limit(3)
                .map(t -> String.format(Locale.ROOT, "%s %.1f ms", t.name(), t.runNanos() / 1e6))
                .reduce((a, b) -> a + ", " + b).orElse("none over 1 ms");
    }

    /** The threads that do the part a cause stands for; all of the pipeline's for the others. */
    private static List<String> threadsOf(LateFrameCause cause) {
        return switch (cause) {
            case RENDER, PRESENT, PULSE_LATE -> FX_THREADS;
            case LAYOUT -> LAYOUT_THREADS;
            case KERNEL_STEP -> KERNEL_THREADS;
            case TICK_TAKEN_LATE -> TICK_THREADS;
            default -> PIPELINE_THREADS;
        };
    }

    private static boolean named(CpuHistory.ThreadCpu thread, List<String> prefixes) {
        return prefixes.stream().anyMatch(thread.name()::startsWith);
    }

    private static boolean inPipeline(CpuHistory.ThreadCpu thread) {
        return named(thread, PIPELINE_THREADS);
    }

    private static String beforeOrAfter(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms %s", Math.abs(nanos) / 1e6, nanos <= 0 ? "before" : "after");
    }

    /** Each part's median over the presented frames that have both its stamps. */
    private static double[] usualMillis(List<Stamped> presented) {
        double[] usual = new double[Part.values().length];
        for (Part part : Part.values()) {
            long[] nanos = presented.stream().mapToLong(f -> part.nanos(f.nanos())).filter(n -> n >= 0).toArray();
            if (nanos.length > 0) {
                Arrays.sort(nanos);
                usual[part.ordinal()] = nanos[nanos.length / 2] / 1e6;
            }
        }
        return usual;
    }

    /** The report: the late frames counted by cause, and the worst of them. */
    public static String report(List<Late> late, long intervals, double lateMillis) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "late frames: %d of %d over %.1f ms%n",
                late.size(), intervals, lateMillis));
        Map<LateFrameCause, List<Late>> byCause = new EnumMap<>(LateFrameCause.class);
        late.forEach(l -> byCause.computeIfAbsent(l.cause(), c -> new ArrayList<>()).add(l));
        byCause.forEach((cause, frames) -> {
            long compiling = frames.stream().filter(l -> l.compilations() > 0).count();
            long waiting = cause == LateFrameCause.DESCHEDULED ? 0 : frames.stream().filter(l -> l.waited() != null).count();
            List<String> notes = new ArrayList<>();
            if (compiling > 0) {
                notes.add(compiling + " while the JIT compiled");
            }
            if (waiting > 0) {
                notes.add(waiting + " with a pipeline thread waiting for a CPU");
            }
            text.append(String.format(Locale.ROOT, "  %-42s %5d%s%n", cause, frames.size(),
                    notes.isEmpty() ? "" : "  (" + String.join(", ", notes) + ")"));
        });
        late.stream().sorted(Comparator.comparingDouble(Late::intervalMillis).reversed()).limit(WORST)
                .forEach(l -> text.append("  worst: ").append(l).append(System.lineSeparator()));
        return text.toString();
    }
}
