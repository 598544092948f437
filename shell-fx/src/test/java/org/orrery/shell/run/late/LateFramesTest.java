package org.orrery.shell.run.late;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.orrery.memory.timing.FrameStage;

/**
 * Late frames explained from made-up stamps: frames every 16 ms, each with the same usual parts
 * (tick taken 0.1 ms after publication, kernel 4 ms, layout 1 ms, the pulse 5 ms later, render
 * 2 ms, presented 0.5 ms after), and one of them held up by what each test puts there.
 */
class LateFramesTest {

    private static final long MS = 1_000_000;
    private static final long PERIOD = 16 * MS;

    /** Usual stamps of frame {@code n}, published at {@code n * PERIOD}; {@code extra} added to part {@code stage}'s end. */
    private static long[] stamps(long n, FrameStage late, long extra) {
        long[] at = new long[FrameStage.values().length];
        long t = n * PERIOD;
        at[FrameStage.TICK_PUBLISHED.ordinal()] = t;
        at[FrameStage.TICK_TAKEN.ordinal()] = t += MS / 10;
        at[FrameStage.COMPUTE_PUBLISHED.ordinal()] = t += 4 * MS;
        at[FrameStage.LAYOUT_START.ordinal()] = t;
        at[FrameStage.LAYOUT_END.ordinal()] = t += MS;
        at[FrameStage.LAYOUT_PUBLISHED.ordinal()] = t;
        at[FrameStage.PULSE.ordinal()] = t += 5 * MS;
        at[FrameStage.RENDER_START.ordinal()] = t;
        at[FrameStage.RENDER_END.ordinal()] = t += 2 * MS;
        at[FrameStage.PRESENTED.ordinal()] = t + MS / 2;
        if (late != null) {
            for (int s = late.ordinal(); s < at.length; s++) {
                at[s] += extra;
            }
        }
        return at;
    }

    private static LateFrames run(int frames, long lateFrame, FrameStage late, long extra) {
        LateFrames log = new LateFrames();
        for (long n = 1; n <= frames; n++) {
            log.add(n, stamps(n, n == lateFrame ? late : null, extra));
        }
        return log;
    }

    @Test
    void aFrameWhoseKernelStepRanLongIsPutDownToTheKernel() {
        List<LateFrames.Late> late = run(100, 40, FrameStage.COMPUTE_PUBLISHED, 9 * MS).explain(List.of(), CpuHistory.NONE, 17);
        assertThat(late).hasSize(1);
        assertThat(late.getFirst().frame()).isEqualTo(40);
        assertThat(late.getFirst().cause()).isEqualTo(LateFrameCause.KERNEL_STEP);
        assertThat(late.getFirst().detail()).isEqualTo("13.0 ms, usually 4.0 ms");
        assertThat(late.getFirst().intervalMillis()).isEqualTo(25.0);
    }

    @Test
    void aPulseThatCameLateAndARenderThatRanLongAreToldApart() {
        // Laid out at 5.1 ms; the pulse before took its frame at 10.1 - 16 ms, so this one's was due at 10.77.
        LateFrames.Late pulse = run(100, 10, FrameStage.PULSE, 6 * MS).explain(List.of(), CpuHistory.NONE, 17).getFirst();
        assertThat(pulse.cause()).isEqualTo(LateFrameCause.PULSE_LATE);
        assertThat(pulse.detail()).isEqualTo("laid out 5.7 ms before its pulse was due, taken 5.3 ms after");
        assertThat(run(100, 10, FrameStage.RENDER_END, 6 * MS).explain(List.of(), CpuHistory.NONE, 17).getFirst().cause())
                .isEqualTo(LateFrameCause.RENDER);
    }

    @Test
    void framesThatUsuallyTakeLongerThanAPulsePeriodArePutDownToThePipelineNotKeepingUp() {
        // A kernel of 44 ms: every third tick's frame is presented, 48 ms after the one before.
        LateFrames log = new LateFrames();
        for (long n = 1; n <= 60; n += 3) {
            long[] at = stamps(n, FrameStage.COMPUTE_PUBLISHED, 40 * MS);
            log.add(n, at);
        }
        List<LateFrames.Late> late = log.explain(List.of(), CpuHistory.NONE, 17);
        assertThat(late).hasSize(19).allSatisfy(frame -> {
            assertThat(frame.cause()).isEqualTo(LateFrameCause.SLOWER_THAN_PULSES);
            assertThat(frame.detail()).isEqualTo("tick to layout usually 45.1 ms (kernel 44.0 ms), the pulse period 16.7 ms");
        });
        // A frame that takes most of a period, but less, is still explained part by part.
        assertThat(run(100, 40, FrameStage.COMPUTE_PUBLISHED, 9 * MS).explain(List.of(), CpuHistory.NONE, 17).getFirst().cause())
                .isEqualTo(LateFrameCause.KERNEL_STEP);
    }

    @Test
    void aTickPublishedTooLateForItsPulseWithEveryPartAsUsualIsOutOfPhase() {
        LateFrames.Late late = run(100, 10, FrameStage.TICK_PUBLISHED, 6 * MS).explain(List.of(), CpuHistory.NONE, 17).getFirst();
        assertThat(late.cause()).isEqualTo(LateFrameCause.TICK_OUT_OF_PHASE);
        assertThat(late.detail()).isEqualTo("published 4.8 ms before its pulse was due, laid out 0.3 ms after, every part as usual");
    }

    @Test
    void aGcPauseOverTheIntervalComesBeforeThePartItHeldUpAndCompilationsAreCounted() {
        LateFrames log = run(100, 40, FrameStage.COMPUTE_PUBLISHED, 9 * MS);
        long presented39 = stamps(39, null, 0)[FrameStage.PRESENTED.ordinal()];
        List<RuntimeEvent> events = List.of(
                new RuntimeEvent(RuntimeEvent.Kind.GC_PAUSE, "Pause Young (Normal)", presented39 + 2 * MS, presented39 + 10 * MS),
                new RuntimeEvent(RuntimeEvent.Kind.GC_PAUSE, "elsewhere", 0, MS),
                new RuntimeEvent(RuntimeEvent.Kind.COMPILATION, "Some.method", presented39 + MS, presented39 + 3 * MS));
        List<LateFrames.Late> late = log.explain(events, CpuHistory.NONE, 17);
        assertThat(late).singleElement().satisfies(l -> {
            assertThat(l.cause()).isEqualTo(LateFrameCause.GC_PAUSE);
            assertThat(l.detail()).isEqualTo("8.0 ms in 1, the longest Pause Young (Normal)");
            assertThat(l.compilations()).isEqualTo(1);
        });
        String report = LateFrames.report(late, 99, 17);
        assertThat(report).contains("late frames: 1 of 99 over 17.0 ms", "GC pause", "(1 while the JIT compiled)",
                "worst: frame 40: 25.0 ms, GC pause: 8.0 ms in 1, the longest Pause Young (Normal)");
    }

    /** 100 frames, frame 50's pulse, render and presentation each 0.9 ms late: none by enough to say so. */
    private static LateFrames slightlyLateEverywhere() {
        long[] odd = stamps(50, FrameStage.PULSE, 9 * MS / 10);
        for (int s = FrameStage.RENDER_END.ordinal(); s < odd.length; s++) {
            odd[s] += 9 * MS / 10;
        }
        odd[FrameStage.PRESENTED.ordinal()] += 9 * MS / 10;
        LateFrames log = new LateFrames();
        for (long n = 1; n <= 100; n++) {
            log.add(n, n == 50 ? odd : stamps(n, null, 0));
        }
        return log;
    }

    @Test
    void aSafepointIsNamedAndALateFrameWithNothingToShowIsSaidToBeUnexplained() {
        LateFrames clean = slightlyLateEverywhere();
        List<LateFrames.Late> unexplained = clean.explain(List.of(), CpuHistory.NONE, 17);
        assertThat(unexplained).singleElement().satisfies(l -> assertThat(l.cause()).isEqualTo(LateFrameCause.UNEXPLAINED));

        long presented49 = stamps(49, null, 0)[FrameStage.PRESENTED.ordinal()];
        List<LateFrames.Late> safepoint = clean.explain(List.of(new RuntimeEvent(RuntimeEvent.Kind.SAFEPOINT,
                "Deoptimize", presented49 + MS, presented49 + 4 * MS)), CpuHistory.NONE, 17);
        assertThat(safepoint).singleElement().satisfies(l -> {
            assertThat(l.cause()).isEqualTo(LateFrameCause.SAFEPOINT);
            assertThat(l.detail()).contains("Deoptimize");
        });
    }

    @Test
    void aPipelineThreadThatWaitedForACpuExplainsAFrameNothingElseDoesAndIsNotedBesideAnyOtherCause() {
        LateFrames log = slightlyLateEverywhere();
        // Over 40 ms on two CPUs: the renderer waited 3.5 ms while a compiler thread and a hog ran.
        CpuHistory contended = (from, to) -> new CpuHistory.Window(from - 10 * MS, from + 30 * MS, 2, List.of(
                new CpuHistory.ThreadCpu("QuantumRenderer", 6 * MS, 7 * MS / 2),
                new CpuHistory.ThreadCpu("orrery-layout-n", 2 * MS, MS / 2),
                new CpuHistory.ThreadCpu("orrery-kernel-n", 4 * MS, 3 * MS / 2),
                new CpuHistory.ThreadCpu("C2 CompilerThre", 30 * MS, 0),
                new CpuHistory.ThreadCpu("test-hog", 25 * MS, 2 * MS),
                new CpuHistory.ThreadCpu("G1 Service", MS / 2, 0)));
        LateFrames.Late descheduled = log.explain(List.of(), contended, 17).getFirst();
        assertThat(descheduled.cause()).isEqualTo(LateFrameCause.DESCHEDULED);
        assertThat(descheduled.detail()).isEqualTo("QuantumRenderer waited 3.5 ms for a CPU; over the 40 ms sampled around"
                + " the frame this process ran 68 of the 80 ms its 2 CPUs offered (the rest went to other processes, or stood"
                + " idle), its busiest threads outside the pipeline:"
                + " C2 CompilerThre 30.0 ms, test-hog 25.0 ms; the pipeline's other threads: orrery-kernel-n 4.0 ms,"
                + " orrery-layout-n 2.0 ms");

        // With a kernel step that ran long, the step stays the cause and its own thread's wait is
        // noted beside it, not the renderer's longer one.
        LateFrames.Late kernel = run(100, 40, FrameStage.COMPUTE_PUBLISHED, 9 * MS).explain(List.of(), contended, 17).getFirst();
        assertThat(kernel.cause()).isEqualTo(LateFrameCause.KERNEL_STEP);
        assertThat(kernel.toString()).contains("13.0 ms, usually 4.0 ms; orrery-kernel-n waited 1.5 ms for a CPU");
        // A layout that ran long while the layout thread hardly waited: no note, its work took longer.
        LateFrames.Late layout = run(100, 40, FrameStage.LAYOUT_PUBLISHED, 9 * MS).explain(List.of(), contended, 17).getFirst();
        assertThat(layout.cause()).isEqualTo(LateFrameCause.LAYOUT);
        assertThat(layout.waited()).isNull();
        assertThat(LateFrames.report(List.of(kernel, descheduled), 99, 17))
                .contains("(1 with a pipeline thread waiting for a CPU)")
                .contains("a pipeline thread waited for a CPU");

        // Waits under a millisecond are no evidence.
        CpuHistory calm = (from, to) -> new CpuHistory.Window(from, to, 2,
                List.of(new CpuHistory.ThreadCpu("JavaFX Applicat", 5 * MS, 9 * MS / 10)));
        assertThat(log.explain(List.of(), calm, 17).getFirst().cause()).isEqualTo(LateFrameCause.UNEXPLAINED);
    }

    @Test
    void framesOnTimeAreNotLate() {
        assertThat(run(200, 0, null, 0).explain(List.of(), CpuHistory.NONE, 17)).isEmpty();
    }
}
